import type { OpenAI } from 'openai';
import { ConfigError } from '../../src/errors/config-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { Warning } from '../../src/types/warning.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { createOpenAICompatibleProvider } from '../openai-compatible/create-openai-compatible-provider.ts';
import type { OpenAIOperation } from '../openai-compatible/openai-compatible-config.ts';
import { openAIChatReasoningFor } from '../openai-compatible/openai-reasoning-models.ts';
import { azureChatDocuments } from './azure-chat-documents.ts';
import { azureDeploymentCapabilities } from './azure-deployment-capabilities.ts';
import { parseAzureApiVersion } from './azure-api-version.ts';
import { AZURE_AI_SCOPE } from './azure-ai-scope.ts';
import { AZURE_COGNITIVE_SERVICES_SCOPE } from './azure-cognitive-services-scope.ts';
import type { AzureOpenAISettings } from './azure-openai-settings.ts';
import { azureVersionSupports } from './azure-version-supports.ts';
import { describeFirstVersions } from './describe-first-versions.ts';
import { checkAzureRequestFeatures } from './check-azure-request-features.ts';
import { createAzureOpenAIAuth } from './create-azure-openai-auth.ts';
import { createAzureOpenAIClient } from './create-azure-openai-client.ts';
import { createAzureOpenAIUrl } from './create-azure-openai-url.ts';
import { normalizeAzureEndpoint } from './normalize-azure-endpoint.ts';
import { readAzureCapacity } from './read-azure-capacity.ts';

/** An Azure OpenAI provider, with the escape hatch to a configured official client. */
export interface AzureOpenAIProvider extends Provider {
  /** The pinned api-version (`2024-10-21`, `2025-04-01-preview`, `v1`, `preview`). */
  readonly apiVersion: string;
  /** The model version behind each deployment, from the settings (for pricing and version checks). */
  readonly deployments: Readonly<Record<string, { model: string; capacity?: 'provisioned' | 'standard' }>>;
  /**
   * An official client configured like the provider, on Switchyard's transport, `maxRetries: 0`:
   * an `AzureOpenAI` for a dated api-version, a plain `OpenAI` at `{endpoint}/openai/v1` for `v1`/`preview`.
   */
  getAzureOpenAIClient(): Promise<OpenAI>;
  /** The same as `getAzureOpenAIClient`, under the name the other OpenAI-format adapters use. */
  getOpenAIClient(): Promise<OpenAI>;
}

/**
 * Creates a provider for Azure OpenAI. Requests name a deployment as `model`. Without `apiVersion` it calls the v1
 * API (`{endpoint}/openai/v1/{chat/completions|responses|embeddings}`, no api-version query, the deployment in the
 * body's `model`); a dated `apiVersion` selects the classic URLs (`/openai/deployments/{deployment}/...?api-version=`)
 * and every request is checked against what that version supports before it is sent. `api: 'responses'` (v1 only)
 * calls the Responses API. Azure's own ways are handled: the leading `prompt_filter_results` stream chunk,
 * content-filter finishes and errors, `apim-request-id`, `retry-after-ms`, `x-ratelimit-remaining-*`. PTU spillover:
 * `x-ms-spillover-deployment` is sent (from `request.spillover`, else `settings.spillover`), and the answer's spillover
 * headers and `service_tier` are reported as `capacity` (see `readAzureCapacity`).
 * @example
 * const azure = createAzureOpenAI({
 *   endpoint: 'https://contoso-eastus.openai.azure.com',
 *   apiKey: process.env.AZURE_OPENAI_API_KEY,
 *   deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } },
 * });
 * const result = await azure.chat({ model: 'prod-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAzureOpenAI(settings: AzureOpenAISettings = {}): AzureOpenAIProvider {
  const env = settings.env ?? process.env;
  const id = settings.id ?? 'azure-openai';
  const endpoint = normalizeAzureEndpoint(settings.endpoint ?? env.AZURE_OPENAI_ENDPOINT);
  const apiVersion = settings.apiVersion ?? DEFAULT_VERSIONS.azureOpenAIApiVersion;
  const version = parseAzureApiVersion(apiVersion);
  if (!version) {
    throw new ConfigError([{ path: 'apiVersion', message: `"${apiVersion}" is not an Azure OpenAI api-version: use a dated one such as 2024-10-21 or 2025-04-01-preview, or 'v1' / 'preview' for the v1 API.` }], { source: 'createAzureOpenAI' });
  }
  const headers: Record<string, string> = {};
  if (settings.headers) for (const [k, v] of Object.entries(settings.headers)) headers[k.toLowerCase()] = v;
  const usesToken = settings.tokenProvider !== undefined || settings.credential !== undefined;
  const auth = createAzureOpenAIAuth({
    provider: id,
    apiKey: settings.apiKey ?? (usesToken ? undefined : env.AZURE_OPENAI_API_KEY),
    tokenProvider: settings.tokenProvider,
    credential: settings.credential,
    tokenScope: settings.tokenScope ?? (version.style === 'v1' ? AZURE_AI_SCOPE : AZURE_COGNITIVE_SERVICES_SCOPE),
    now: settings.now ?? Date.now,
    headers,
  });
  const transport = settings.transport ?? getDefaultTransport();
  const deployments = { ...settings.deployments };
  const streamUsage = azureVersionSupports(version, 'stream_options.include_usage');
  const documents = azureChatDocuments(version);
  const capabilities = {
    tools: azureVersionSupports(version, 'tools'),
    jsonSchema: azureVersionSupports(version, 'response_format.json_schema'),
    images: azureVersionSupports(version, 'image_input'),
    embeddings: true,
    ...(documents.style === 'unsupported' ? { documents: false } : {}),
    ...settings.capabilities,
    models: { ...azureDeploymentCapabilities(deployments), ...settings.capabilities?.models },
  };

  const checkBody = (body: Record<string, unknown>, request: object, operation: OpenAIOperation): Warning[] => {
    const warnings = checkAzureRequestFeatures(body, operation, version, id);
    if ((request as { cacheKey?: string }).cacheKey !== undefined && version.style === 'classic') {
      warnings.push({ type: 'unsupported-setting', setting: 'cacheKey', message: `${id}: Azure OpenAI documents prompt_cache_key for the v1 API, not for api-version ${version.value}, so cacheKey was not sent. Use apiVersion v1 to send it.` });
    }
    if (operation === 'chat/completions' && body.stream === true && !streamUsage) {
      // Without stream_options the stream carries no usage: say so rather than report zeros silently.
      warnings.push({
        type: 'unsupported-setting',
        setting: 'stream_options.include_usage',
        message: `${id}: Azure OpenAI api-version ${version.value} does not take stream_options.include_usage, so no usage was asked for: unless the service sends it anyway, token counts for this stream are 0. Usage in streams needs ${describeFirstVersions('stream_options.include_usage')}.`,
      });
    }
    return warnings;
  };

  const spillover = settings.spillover?.deployment;
  // The header as one shared object per deployment: nothing allocated per request.
  const spilloverHeaders = new Map<string, Record<string, string>>();
  const spilloverFor = (request: ChatRequest): string | undefined => {
    if (request.spillover) return request.spillover.deployment;
    if (spillover === undefined || request.model === spillover || deployments[request.model]?.capacity === 'standard') return undefined;
    return spillover;
  };
  const requestHeaders = (request: ChatRequest): Record<string, string> | undefined => {
    const target = spilloverFor(request);
    if (target === undefined) return undefined;
    let headers = spilloverHeaders.get(target);
    if (!headers) spilloverHeaders.set(target, (headers = Object.freeze({ 'x-ms-spillover-deployment': target }) as Record<string, string>));
    return headers;
  };
  const provider = createOpenAICompatibleProvider({
    id,
    type: 'azure-openai',
    transport,
    url: createAzureOpenAIUrl(endpoint, version),
    bodyModel: version.style === 'v1' ? (deployment) => deployment : () => undefined,
    headers: auth.headers,
    refreshOnUnauthorized: auth.refreshOnUnauthorized,
    secrets: () => auth.secrets,
    capabilities,
    apiVersion: version.value,
    streamUsage,
    maxTokensField: azureVersionSupports(version, 'max_completion_tokens') ? 'max_completion_tokens' : 'max_tokens',
    checkBody,
    api: settings.api ?? 'chat',
    apis: version.style === 'v1' ? ['chat', 'responses'] : ['chat'],
    missingApi: (api) =>
      api === 'responses' && version.style === 'classic'
        ? `Switchyard calls the Responses API on Azure OpenAI through the v1 API only (its stateless mode needs encrypted reasoning items, which Microsoft added with v1); api-version ${version.value} selects the classic URLs. Remove apiVersion (or set it to v1) for api: responses.`
        : undefined,
    chatReasoning: (deployment) => openAIChatReasoningFor(Object.hasOwn(deployments, deployment) ? (deployments[deployment] as { model: string }).model : deployment),
    chatDocuments: documents,
    promptCacheKey: version.style === 'v1',
    fallbackModel: (deployment) => (Object.hasOwn(deployments, deployment) ? (deployments[deployment] as { model: string }).model : deployment),
    serviceTier: true,
    requestHeaders,
    capacity: (headers, serviceTier, request) => readAzureCapacity(headers, serviceTier, spilloverFor(request)),
  });
  const getClient = () => createAzureOpenAIClient({ endpoint, version, auth, headers }, transport);
  return Object.assign(provider, { apiVersion: version.value, deployments, getAzureOpenAIClient: getClient, getOpenAIClient: getClient });
}
