import { ConfigError } from '../../src/errors/config-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { Provider } from '../../src/types/provider.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { createOpenAIClient } from '../openai-compatible/create-openai-client.ts';
import { createOpenAICompatibleProvider } from '../openai-compatible/create-openai-compatible-provider.ts';
import { openAIChatReasoningFor } from '../openai-compatible/openai-reasoning-models.ts';
import { mapOpenAIServiceTier } from '../openai-compatible/map-openai-service-tier.ts';
import { OPENAI_MODEL_CAPABILITIES } from './openai-model-capabilities.ts';
import type { OpenAISettings } from './openai-settings.ts';

/** An OpenAI provider, with the escape hatch to a configured official client. */
export interface OpenAIProvider extends Provider {
  /** An official `openai` client with the same base URL, key and headers, on Switchyard's transport, `maxRetries: 0`. */
  getOpenAIClient(): ReturnType<typeof createOpenAIClient>;
}

/**
 * Creates a provider for OpenAI's API. `request.serviceTier` is sent as `service_tier`; the response's `service_tier`
 * (the tier that actually served, which may differ from the one asked for) is reported as `capacity`.
 * @example
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
 * const result = await openai.chat({ model: 'gpt-4o-2024-08-06', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAIProvider {
  const apiKey = settings.apiKey ?? (settings.env ?? process.env).OPENAI_API_KEY;
  if (!apiKey) {
    throw new ConfigError([{ path: 'apiKey', message: 'OpenAI needs an API key: pass settings.apiKey or set the OPENAI_API_KEY environment variable.' }], { source: 'createOpenAI' });
  }
  const id = settings.id ?? 'openai';
  const baseURL = (settings.baseURL ?? `https://api.openai.com/${DEFAULT_VERSIONS.openAIBasePath}`).replace(/\/+$/, '');
  const transport = settings.transport ?? getDefaultTransport();
  const fixed: Record<string, string> = {};
  if (settings.headers) for (const [k, v] of Object.entries(settings.headers)) fixed[k.toLowerCase()] = v;
  if (settings.organization) fixed['openai-organization'] = settings.organization;
  if (settings.project) fixed['openai-project'] = settings.project;
  fixed.authorization = `Bearer ${apiKey}`;
  const capabilities = settings.capabilities ? { ...OPENAI_MODEL_CAPABILITIES, ...settings.capabilities, models: { ...OPENAI_MODEL_CAPABILITIES.models, ...settings.capabilities.models } } : OPENAI_MODEL_CAPABILITIES;

  const provider = createOpenAICompatibleProvider({
    id,
    type: 'openai',
    transport,
    url: (operation) => `${baseURL}/${operation}`,
    headers: () => ({ ...fixed }),
    secrets: () => [apiKey],
    capabilities,
    api: settings.api ?? 'chat',
    apis: ['chat', 'responses'],
    chatReasoning: openAIChatReasoningFor,
    chatDocuments: { style: 'openai-file' },
    promptCacheKey: true,
    serviceTier: true,
    capacity: (_headers, serviceTier) => mapOpenAIServiceTier(serviceTier),
  });
  const { authorization: _auth, ...defaultHeaders } = fixed;
  return Object.assign(provider, {
    getOpenAIClient: () => createOpenAIClient({ baseURL, apiKey, defaultHeaders }, transport),
  });
}
