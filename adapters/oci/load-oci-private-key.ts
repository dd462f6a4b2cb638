import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/errors/config-error.ts';
import { expandHome } from './expand-home.ts';

/** Where a private key comes from, for loading it and for saying where a problem is. */
export interface OCIPrivateKeySource {
  /** PEM text, or a path to a PEM file. */
  value: string;
  /** The passphrase, if any. */
  passphrase?: string;
  /** The setting it came from, as a config path (`privateKey`, `profile`). */
  setting: string;
  /** How to name it in messages, such as `key_file of profile [DEFAULT] in /home/me/.oci/config`. */
  origin: string;
  /** What `~` stands for. */
  homeDir: string;
}

/**
 * Parses a PEM private key; undefined when it cannot be parsed. Tried twice: Node's PEM parser can fail on an
 * OpenSSL error that an unrelated operation left on the thread's error queue (seen as ERR_OSSL_ASN1_TOO_LONG
 * after a TLS connection was torn down), and the failed attempt clears that queue.
 */
function parsePem(pem: string, passphrase: string | undefined): KeyObject | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return createPrivateKey({ key: pem, format: 'pem', passphrase });
    } catch {
      // Retried once; see above.
    }
  }
  return undefined;
}

/** True when `value` is PEM text rather than a path. */
function isPemText(value: string): boolean {
  return value.includes('-----BEGIN');
}

/**
 * Loads an RSA private key for request signing. Every failure is a `ConfigError` naming the setting and the
 * file, never the key's content: a missing or unreadable file, text that is not a PEM private key (a public
 * key, say), an encrypted key without a passphrase or with the wrong one, a key that is not RSA.
 */
export function loadOCIPrivateKey(source: OCIPrivateKeySource): KeyObject {
  // No `cause`: nothing that could quote the key travels with the error.
  const fail = (message: string): never => {
    throw new ConfigError([{ path: source.setting, message }], { source: 'createOCI' });
  };
  let pem = source.value;
  let where = `the PEM text in ${source.origin}`;
  if (!isPemText(pem)) {
    const path = expandHome(pem.trim(), source.homeDir);
    where = `the key file ${path} (${source.origin})`;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') fail(`${where} does not exist: point it at your OCI API signing key (a PEM file), or pass the PEM text itself.`);
      fail(`cannot read ${where} (${code ?? 'read error'}): it must be a readable PEM file (chmod 600 for the user running this process).`);
    }
    if (!isPemText(pem)) fail(`${where} is not a PEM file (no -----BEGIN line): use the private key downloaded or generated for the OCI API key.`);
  } else if (!pem.includes('\n') && pem.includes('\\n')) {
    // PEM text from an environment variable often arrives with literal \n sequences.
    pem = pem.replace(/\\n/g, '\n');
  }
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) fail(`${where} is a public key: signing needs the private key (the public one is what you upload to OCI).`);
  const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || pem.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && !source.passphrase) fail(`${where} is encrypted: set its passphrase (passphrase, or pass_phrase in the OCI config profile).`);
  const key = parsePem(pem, encrypted ? source.passphrase : undefined);
  if (key === undefined) {
    if (encrypted) fail(`${where} could not be decrypted: the passphrase is wrong.`);
    fail(`${where} is not a valid PEM private key: use the unmodified PEM file of the OCI API signing key.`);
  }
  const loaded = key as KeyObject;
  if (loaded.asymmetricKeyType !== 'rsa') fail(`${where} is a ${loaded.asymmetricKeyType ?? 'non-RSA'} key: OCI API signing keys are RSA (rsa-sha256).`);
  return loaded;
}
