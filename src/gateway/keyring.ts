import { hash, timingSafeEqual } from 'node:crypto';
import { KEY_TAG, type GatewayKeyConfig } from './gateway-config-schema.ts';

/** A key the gateway accepts, without its secret. */
export interface GatewayKey {
  /** The key's name. */
  name: string;
  /** The metering tags of its requests: its `tags`, and `key` = its name. */
  tags: Record<string, string>;
  /** The aliases it may use, or undefined for all. */
  aliases?: ReadonlySet<string>;
}

/** Checks a presented key against the configured ones. */
export interface Keyring {
  /** The key a `Bearer` token belongs to, or undefined. Takes the same time whichever key (if any) matches. */
  authenticate(token: string): GatewayKey | undefined;
}

// The one-shot digest: no Hash object per request (a token is hashed on every API request).
const sha256 = (text: string): Buffer => hash('sha256', text, 'buffer');

/**
 * Builds the keyring of `gateway.keys`. Only SHA-256 digests are kept: a `sha256:` key is its digest, a plain key
 * (from `${ENV}`) is hashed once here. A presented token is hashed and compared with every digest in constant time
 * (`timingSafeEqual`, no early exit), so neither which key matched nor how much of one did shows in the timing.
 */
export function createKeyring(keys: readonly GatewayKeyConfig[]): Keyring {
  const entries = keys.map((k) => ({
    digest: k.key.startsWith('sha256:') ? Buffer.from(k.key.slice(7), 'hex') : sha256(k.key),
    key: {
      name: k.name,
      tags: { ...k.tags, [KEY_TAG]: k.name },
      ...(k.aliases ? { aliases: new Set(k.aliases) } : {}),
    } satisfies GatewayKey,
  }));
  return {
    authenticate(token) {
      const digest = sha256(token);
      let found: GatewayKey | undefined;
      for (const entry of entries) if (timingSafeEqual(entry.digest, digest)) found = entry.key;
      return found;
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  // The scheme is case-insensitive (RFC 9110).
  if (header.charCodeAt(6) !== 32 || header.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}
