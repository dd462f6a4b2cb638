import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ProviderUnavailableError } from '../../src/errors/provider-unavailable-error.ts';
import type { AccessToken, AccessTokenFetcher } from './vertex-token-cache.ts';

/** The OAuth scope Vertex AI needs. */
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

interface AuthClientLike {
  credentials?: { access_token?: string | null; expiry_date?: number | null };
  setCredentials?(credentials: object): void;
  getAccessToken(): Promise<{ token?: string | null }>;
}

/** Why Application Default Credentials cannot work without google-auth-library, and how to fix it. */
export const GOOGLE_AUTH_MISSING =
  'no accessToken or apiKey is set, so Vertex AI uses Application Default Credentials, which need the optional package google-auth-library, not installed: npm install google-auth-library@^10, or set accessToken (for example ${VERTEX_ACCESS_TOKEN}) or apiKey (express mode).';

const HOW_TO_FIX =
  'Set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run `gcloud auth application-default login`, run on Google Cloud with a service account, or pass accessToken or apiKey.';

function toAuthError(error: unknown, provider: string): Error {
  const status = (error as { status?: number; response?: { status?: number } }).status ?? (error as { response?: { status?: number } }).response?.status;
  const detail = error instanceof Error ? error.message : String(error);
  if (status === undefined && (error as { code?: unknown }).code !== undefined && /^E[A-Z]+$/.test(String((error as { code?: unknown }).code))) {
    return new ConnectionError(`${provider} could not reach Google's token service: ${detail}`, { provider, cause: error });
  }
  if (status !== undefined && status >= 500) return new ConnectionError(`${provider}: Google's token service answered HTTP ${status}: ${detail}`, { provider, cause: error });
  return new AuthenticationError(`${provider} could not get an access token through Application Default Credentials: ${detail} ${HOW_TO_FIX}`, {
    status: status ?? 401,
    provider,
    providerCode: 'adc',
    retryable: false,
    cause: error,
  });
}

/**
 * Builds a fetcher of Application Default Credentials tokens through `google-auth-library`, imported only
 * when first called. Each call returns a new token: the library's own cache is invalidated first, because the
 * Switchyard cache (with its injected clock) decides when a token is due. `expiresAt` is moved onto that clock.
 */
export function loadGoogleAuthToken(options: Record<string, unknown> | undefined, now: () => number, provider: string): AccessTokenFetcher {
  let client: Promise<AuthClientLike> | undefined;
  const getClient = async (): Promise<AuthClientLike> => {
    let mod: typeof import('google-auth-library');
    try {
      mod = await import('google-auth-library');
    } catch (error) {
      // Creating the provider checked that it is installed: this target cannot be used from this process, and the
      // router moves on to the next one.
      throw new ProviderUnavailableError(`${provider}: ${GOOGLE_AUTH_MISSING} (${(error as Error)?.message ?? error})`, { status: 0, provider, retryable: false, cause: error });
    }
    const auth = new mod.GoogleAuth({ ...options, scopes: (options?.scopes as string[] | undefined) ?? [CLOUD_PLATFORM_SCOPE] });
    return (await auth.getClient()) as unknown as AuthClientLike;
  };

  return async (): Promise<AccessToken> => {
    try {
      client ??= getClient();
      const c = await client.catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      if (c.credentials?.access_token && typeof c.setCredentials === 'function') c.setCredentials({ ...c.credentials, expiry_date: 1 });
      const { token } = await c.getAccessToken();
      if (!token) throw new Error('google-auth-library returned no access token.');
      const expiry = c.credentials?.expiry_date;
      return typeof expiry === 'number' && expiry > 1 ? { token, expiresAt: now() + (expiry - Date.now()) } : { token };
    } catch (error) {
      if (ProviderUnavailableError.isInstance(error)) throw error;
      throw toAuthError(error, provider);
    }
  };
}
