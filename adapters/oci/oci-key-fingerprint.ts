import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The fingerprint OCI shows for an API signing key: the MD5 of the public key's DER (SubjectPublicKeyInfo)
 * as colon-separated lower-case hex, like `openssl rsa -pubout -outform DER | openssl md5 -c`.
 * Undefined where MD5 is unavailable (FIPS mode).
 */
export function ociKeyFingerprint(privateKey: KeyObject): string | undefined {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  let hex: string;
  try {
    hex = createHash('md5').update(der).digest('hex');
  } catch {
    return undefined;
  }
  return hex.match(/../g)?.join(':');
}
