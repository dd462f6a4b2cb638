import { AbortError } from '../../src/errors/abort-error.ts';
import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { ConfigError } from '../../src/errors/config-error.ts';
import { SwitchyardError } from '../../src/errors/switchyard-error.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import { isPackageInstalled } from '../../src/runtime/is-package-installed.ts';
import type { AzureTokenCredential } from './azure-token-credential.ts';
import { createAzureTokenCache, type AzureTokenResult } from './create-azure-token-cache.ts';
import { IDENTITY_MISSING, IDENTITY_PACKAGE, loadDefaultAzureCredential } from './load-default-azure-credential.ts';

/** How long before expiry a cached token is renewed, in ms (the Azure SDKs' refresh window). */
const REFRESH_MARGIN_MS = 2 * 60_000;

/** Settles with `promise`, or rejects with the signal's reason as soon as it fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The credentials of one provider, as the shared base needs them. */
export interface AzureOpenAIAuth {
  /** Request headers with auth: `api-key`, or `authorization: Bearer <Entra token>`. */
  headers(options: { forceRefresh: boolean; signal?: AbortSignal }): Record<string, string> | Promise<Record<string, string>>;
  /** True for tokens: a 401 renews the token once. */
  refreshOnUnauthorized: boolean;
  /** The key, or the tokens handed out recently: scrubbed from errors. The array is updated in place. */
  secrets: string[];
  /** The API key, when key auth is used. */
  apiKey?: string;
  /** A cached token getter, when token auth is used (the escape hatch's `azureADTokenProvider`). */
  getToken?: () => Promise<string>;
}

/** What `createAzureOpenAIAuth` needs. */
export interface AzureOpenAIAuthInput {
  /** The provider's id, for error messages. */
  provider: string;
  /** The resource key (`api-key` header). */
  apiKey?: string;
  /** A function returning an Entra ID token. */
  tokenProvider?: () => Promise<AzureTokenResult> | AzureTokenResult;
  /** An `@azure/identity` credential, or `'default'` for `DefaultAzureCredential`. */
  credential?: AzureTokenCredential | 'default';
  /** The token scope. */
  tokenScope: string;
  /** The clock for the token cache, in ms since the epoch. */
  now: () => number;
  /** Headers sent with every request (lower-case names); auth is added on top. */
  headers: Record<string, string>;
}

/**
 * Builds the auth of an Azure OpenAI provider: an `api-key` header, or a Microsoft Entra ID token from a
 * token provider or an `@azure/identity` credential, cached until shortly before expiry. Never both.
 */
export function createAzureOpenAIAuth(input: AzureOpenAIAuthInput): AzureOpenAIAuth {
  const tokenSources = [input.tokenProvider && 'tokenProvider', input.credential && 'credential'].filter(Boolean) as string[];
  if (input.apiKey && tokenSources.length > 0) {
    throw new ConfigError([{ path: 'apiKey', message: `use either apiKey (the api-key header) or ${tokenSources[0]} (a Microsoft Entra ID token), not both.` }], { source: 'createAzureOpenAI' });
  }
  if (tokenSources.length > 1) {
    throw new ConfigError([{ path: 'credential', message: 'use either tokenProvider or credential, not both.' }], { source: 'createAzureOpenAI' });
  }
  if (input.apiKey) {
    const apiKey = input.apiKey;
    const headers = { ...input.headers, 'api-key': apiKey };
    return { headers: () => ({ ...headers }), refreshOnUnauthorized: false, secrets: [apiKey], apiKey };
  }
  if (tokenSources.length === 0) {
    throw new ConfigError(
      [{ path: 'apiKey', message: "Azure OpenAI needs credentials: pass apiKey (or set AZURE_OPENAI_API_KEY), a tokenProvider, or credential (an @azure/identity TokenCredential, or 'default' in a config file)." }],
      { source: 'createAzureOpenAI' },
    );
  }

  // The optional peer `credential: 'default'` needs is checked now, not at the first request.
  if (input.credential === 'default' && !input.tokenProvider && !isPackageInstalled(IDENTITY_PACKAGE)) {
    throw new ConfigError([{ path: 'credential', message: IDENTITY_MISSING }], { source: 'createAzureOpenAI' });
  }
  const secrets: string[] = [];
  let credential = input.credential === 'default' ? undefined : input.credential;
  const source = async (): Promise<AzureTokenResult> => {
    if (input.tokenProvider) return await input.tokenProvider();
    credential ??= await loadDefaultAzureCredential(input.provider);
    return await credential.getToken(input.tokenScope);
  };
  const cache = createAzureTokenCache(source, {
    now: input.now,
    marginMs: REFRESH_MARGIN_MS,
    onToken(token) {
      if (!secrets.includes(token)) secrets.push(token);
      if (secrets.length > 2) secrets.splice(0, secrets.length - 2);
    },
  });

  const getToken = async (forceRefresh: boolean, signal?: AbortSignal): Promise<string> => {
    if (signal?.aborted) throw SwitchyardError.isInstance(signal.reason) ? signal.reason : new AbortError(undefined, { provider: input.provider, cause: signal.reason });
    try {
      return await untilAborted(cache.get(forceRefresh), signal);
    } catch (error) {
      if (signal?.aborted && SwitchyardError.isInstance(signal.reason)) throw signal.reason;
      if (SwitchyardError.isInstance(error)) throw error;
      const detail = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
      throw new AuthenticationError(
        `${input.provider}: could not get a Microsoft Entra ID token for scope ${input.tokenScope}: ${detail}. Check the token provider or credential (for DefaultAzureCredential: az login, a managed identity, or AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET).`,
        { status: 401, provider: input.provider, providerCode: 'token_unavailable', retryable: false, cause: error },
      );
    }
  };

  return {
    async headers({ forceRefresh, signal }) {
      const token = await getToken(forceRefresh, signal);
      return { ...input.headers, authorization: `Bearer ${token}` };
    },
    refreshOnUnauthorized: true,
    secrets,
    getToken: () => getToken(false),
  };
}
