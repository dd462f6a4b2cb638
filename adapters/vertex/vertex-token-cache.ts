/** An access token and when it expires. */
export interface AccessToken {
  /** The OAuth 2 access token. */
  token: string;
  /** When it expires, in ms since the epoch on the cache's clock; undefined when unknown (kept until a 401). */
  expiresAt?: number;
}

/** Fetches a new access token (never a cached one). */
export type AccessTokenFetcher = () => Promise<AccessToken>;

/** A cached access token, renewed before it expires and on demand after a 401. */
export interface TokenCache {
  /**
   * The current token, fetched when there is none or it expires within the margin. With `rejected`
   * (the token a 401 refused), fetches a new one unless the cache already moved past it.
   */
  get(options?: { rejected?: string }): Promise<string>;
  /** The cached token, if any (to scrub from errors). */
  current(): string | undefined;
}

/**
 * Caches a token from `fetch`: concurrent callers share one fetch; a token is renewed `marginMs`
 * before `expiresAt` by the injected clock; a failed fetch is not cached, so the next call tries again.
 */
export function createTokenCache(fetch: AccessTokenFetcher, now: () => number, marginMs: number): TokenCache {
  let cached: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;

  const refresh = (): Promise<AccessToken> => {
    pending ??= fetch().then(
      (fresh) => {
        cached = fresh;
        pending = undefined;
        return fresh;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  return {
    async get(options = {}) {
      if (cached) {
        const fresh = cached.expiresAt === undefined || now() < cached.expiresAt - marginMs;
        const refused = options.rejected !== undefined && options.rejected === cached.token;
        if (fresh && !refused) return cached.token;
      }
      return (await refresh()).token;
    },
    current: () => cached?.token,
  };
}
