import type { AzureAccessToken } from './azure-token-credential.ts';

/** What a token source returns: a token with its expiry, or a bare string (a JWT's `exp` is read when present). */
export type AzureTokenResult = AzureAccessToken | string | null;

/** A cached token getter. */
export interface AzureTokenCache {
  /** The current token; fetches a new one when none is cached, it is about to expire, or `forceRefresh` is set. */
  get(forceRefresh: boolean): Promise<string>;
}

/** Reads the `exp` claim (seconds) of a JWT as ms since the epoch; undefined for anything else. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Caches a token until `marginMs` before it expires (or until the issuer's `refreshAfterTimestamp`).
 * Concurrent callers share one fetch (so no caller's abort cancels it for the others). A token whose expiry is unknown is not cached: the source is
 * asked on every request (as the `openai` package does with `azureADTokenProvider`).
 */
export function createAzureTokenCache(
  source: () => Promise<AzureTokenResult>,
  options: { now: () => number; marginMs: number; onToken: (token: string) => void },
): AzureTokenCache {
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const result = await source();
    const token = typeof result === 'string' ? result : result?.token;
    if (!token) throw new Error('the token source returned no token');
    const expiresAt = typeof result === 'string' ? jwtExpiry(result) : result?.expiresOnTimestamp;
    const suggested = typeof result === 'object' && result?.refreshAfterTimestamp !== undefined ? result.refreshAfterTimestamp : Infinity;
    const refreshAt = expiresAt === undefined ? 0 : Math.min(expiresAt - options.marginMs, suggested);
    cached = { token, refreshAt };
    options.onToken(token);
    return token;
  };

  return {
    get(forceRefresh) {
      if (!forceRefresh && cached && options.now() < cached.refreshAt) return Promise.resolve(cached.token);
      if (!pending) {
        pending = fetchToken().finally(() => {
          pending = undefined;
        });
      }
      return pending;
    },
  };
}
