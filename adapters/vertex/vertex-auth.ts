import { ConfigError } from '../../src/errors/config-error.ts';
import { isPackageInstalled } from '../../src/runtime/is-package-installed.ts';
import { GOOGLE_AUTH_MISSING, loadGoogleAuthToken } from './load-google-auth-token.ts';
import { createTokenCache } from './vertex-token-cache.ts';

/** How requests to Vertex are authenticated. */
export interface VertexAuth {
  /** `api-key` (express mode), `access-token` (given by the caller) or `adc` (google-auth-library). */
  readonly kind: 'api-key' | 'access-token' | 'adc';
  /** Whether a 401 may be answered by renewing the token once. */
  readonly canRefresh: boolean;
  /** The auth headers. With `rejected` (the headers a 401 refused), renews the token first. */
  headers(options: { signal?: AbortSignal; rejected?: Record<string, string> }): Promise<Record<string, string>>;
  /** A bearer token for the escape hatch (not for express mode). */
  token(): Promise<string>;
  /** Credentials to scrub from errors. */
  secrets(): string[];
}

/** What `createVertexAuth` needs from the settings. */
export interface VertexAuthOptions {
  /** Express mode: the API key. */
  apiKey?: string;
  /** A caller's access token, or a function returning one. */
  accessToken?: string | (() => string | Promise<string>);
  /** Options for `google-auth-library` (Application Default Credentials). */
  googleAuthOptions?: Record<string, unknown>;
  /** Renew an ADC token this long before it expires, in milliseconds. @default 300000 */
  tokenRefreshMarginMs?: number;
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** The provider's id, for error messages. */
  provider: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenOf = (headers: Record<string, string> | undefined) => headers?.authorization?.replace(/^Bearer /, '');

/** Settles with `promise`, or rejects with the signal's reason (a typed `AbortError`/`TimeoutError`) when it fires first. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Chooses the credentials: an express-mode API key (`x-goog-api-key`), a caller's access token (a string,
 * or a function asked before each request and again after a 401), or Application Default Credentials
 * through `google-auth-library`, cached and renewed `tokenRefreshMarginMs` before expiry by the injected clock.
 */
export function createVertexAuth(options: VertexAuthOptions): VertexAuth {
  const { apiKey, accessToken } = options;
  if (apiKey !== undefined) {
    return { kind: 'api-key', canRefresh: false, headers: async () => ({ 'x-goog-api-key': apiKey }), token: async () => apiKey, secrets: () => [apiKey] };
  }
  if (typeof accessToken === 'string') {
    return { kind: 'access-token', canRefresh: false, headers: async () => bearer(accessToken), token: async () => accessToken, secrets: () => [accessToken] };
  }
  if (typeof accessToken === 'function') {
    const seen: string[] = [];
    const next = async () => {
      const token = await accessToken();
      if (!seen.includes(token)) seen.push(token);
      if (seen.length > 4) seen.shift();
      return token;
    };
    return { kind: 'access-token', canRefresh: true, headers: async ({ signal }) => bearer(await raceSignal(Promise.resolve(next()), signal)), token: next, secrets: () => [...seen] };
  }
  // The optional peer ADC needs is checked now, not at the first request.
  if (!isPackageInstalled('google-auth-library')) throw new ConfigError([{ path: '', message: GOOGLE_AUTH_MISSING }], { source: 'createVertex' });
  const cache = createTokenCache(loadGoogleAuthToken(options.googleAuthOptions, options.now, options.provider), options.now, options.tokenRefreshMarginMs ?? 300_000);
  return {
    kind: 'adc',
    canRefresh: true,
    headers: async ({ signal, rejected }) => bearer(await raceSignal(cache.get({ rejected: tokenOf(rejected) }), signal)),
    token: () => cache.get(),
    secrets: () => {
      const current = cache.current();
      return current ? [current] : [];
    },
  };
}
