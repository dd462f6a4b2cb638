const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd|passphrase|credential|private[-_]?key|authorization|^key$|^url$)/i;

/**
 * True when a config key names a secret (`apiKey`, `token`, `clientSecret`, `password`, `key`, …; also a
 * ledger `url`, which may carry a password): its value never appears in an error.
 */
export function isSecretKey(key: string | number | undefined): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key);
}
