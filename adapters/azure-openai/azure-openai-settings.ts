import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ChatApi } from '../../src/types/chat-api.ts';
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
  /**
   * The Microsoft Entra ID token scope. Both `https://ai.azure.com/.default` (the scope of Microsoft's v1 API article)
   * and `https://cognitiveservices.azure.com/.default` (the classic one, also shown with v1 URLs) are accepted.
   * @default 'https://ai.azure.com/.default' on the v1 API, 'https://cognitiveservices.azure.com/.default' on a dated api-version
   */
  tokenScope?: string | undefined;
  /**
   * The api-version. Unset or `'v1'`: the v1 API (`/openai/v1/...`, no api-version query, the deployment in the
   * body's `model`); `'preview'`: the v1 API with `?api-version=preview`. A dated one (`2024-10-21`,
   * `2025-04-01-preview`) selects the classic URLs (`/openai/deployments/{deployment}/...?api-version=`) and requests
   * are checked against what it supports. Preview features of the v1 API are turned on per feature with request
   * headers (for example `headers: { 'aoai-evals': 'preview' }`), not with an api-version.
   * @default DEFAULT_VERSIONS.azureOpenAIApiVersion ('v1'; before this release the classic '2024-10-21')
   */
  apiVersion?: string | undefined;
  /**
   * The API `chat` and `stream` call: `chat` (Chat Completions) or `responses` (the Responses API at
   * `{endpoint}/openai/v1/responses`, v1 only). A target's `api` overrides it.
   * @default 'chat'
   */
  api?: ChatApi | undefined;
  /**
   * What each deployment runs: `{ 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } }`. The model version is
   * reported as the served model when a response names none, and tells pricing and version checks what
   * a deployment is. Requests name the deployment as `model`. `capacity` says whether the deployment is provisioned
   * (PTU) or standard, for a resource that has both (`billing: { type: provisioned }` otherwise covers every deployment
   * except the spillover one).
   */
  deployments?: Record<string, { model: string; capacity?: 'provisioned' | 'standard' | undefined }> | undefined;
  /**
   * The standard (pay-as-you-go) deployment the provisioned deployments of this resource spill over to when they are
   * full: sent as `x-ms-spillover-deployment` on every chat request (a request's or target's `spillover` wins), except
   * to that deployment itself and to deployments marked `capacity: standard`. Spillover configured on the deployment
   * itself (`spilloverDeploymentName`) needs nothing here: its answers are read the same way.
   */
  spillover?: { deployment: string } | undefined;
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
