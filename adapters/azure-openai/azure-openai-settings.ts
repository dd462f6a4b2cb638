import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { AzureTokenCredential } from './azure-token-credential.ts';
import type { AzureTokenResult } from './create-azure-token-cache.ts';

/** Settings of `createAzureOpenAI`. Use exactly one of `apiKey`, `tokenProvider` and `credential`. */
export interface AzureOpenAISettings {
  /**
   * The resource or gateway root, without `/openai`: `https://<resource>.openai.azure.com`,
   * `https://<resource>.cognitiveservices.azure.com`, `https://<resource>.services.ai.azure.com`,
   * or an API Management gateway with its path prefix (`https://apim.contoso.com/aoai`).
   * @default `AZURE_OPENAI_ENDPOINT` from `env`, read when the provider is created
   */
  endpoint?: string | undefined;
  /** The resource key, sent as the `api-key` header. @default `AZURE_OPENAI_API_KEY` from `env` when no token source is given */
  apiKey?: string | undefined;
  /**
   * Returns a Microsoft Entra ID access token, sent as `Authorization: Bearer`. It may return
   * `{ token, expiresOnTimestamp }`, or a string (a JWT's `exp` is read; other strings are not cached).
   * @example tokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default')
   */
  tokenProvider?: (() => Promise<AzureTokenResult> | AzureTokenResult) | undefined;
  /**
   * An `@azure/identity` `TokenCredential` (`DefaultAzureCredential`, `ManagedIdentityCredential`, ...),
   * or `'default'` to create `DefaultAzureCredential` from the optional peer dependency `@azure/identity`
   * on the first request. Tokens are cached until 2 minutes before expiry and renewed once after a 401.
   */
  credential?: AzureTokenCredential | 'default' | undefined;
  /** The token scope. @default 'https://cognitiveservices.azure.com/.default' */
  tokenScope?: string | undefined;
  /**
   * The api-version. A dated one (`2024-10-21`, `2025-04-01-preview`) selects the classic URLs
   * (`/openai/deployments/{deployment}/...?api-version=`); `'v1'` or `'preview'` selects the v1 API
   * (`/openai/v1/...`, deployment in the body's `model`). Requests are checked against what it supports.
   * @default DEFAULT_VERSIONS.azureOpenAIApiVersion ('2024-10-21', the latest dated GA)
   */
  apiVersion?: string | undefined;
  /**
   * What each deployment runs: `{ 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } }`. The model version is
   * reported as the served model when a response names none, and tells pricing and version checks what
   * a deployment is. Requests name the deployment as `model`.
   */
  deployments?: Record<string, { model: string }>;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** The provider's id in results, errors and the ledger. @default 'azure-openai' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** Overrides what Switchyard knows about the deployments (keyed by deployment name). */
  capabilities?: ProviderCapabilities | undefined;
  /** Where to read `AZURE_OPENAI_ENDPOINT` and `AZURE_OPENAI_API_KEY`. @default process.env */
  env?: Record<string, string | undefined> | undefined;
  /** The clock for the token cache, in ms since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}
