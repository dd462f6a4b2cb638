import { ConfigError } from '../../src/errors/config-error.ts';
import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { invalidStream, validateChatRequest, validateEmbedRequest } from '../../src/validation/validate-request.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { chatVertex } from './chat-vertex.ts';
import { createVertexClaude } from './create-vertex-claude.ts';
import { createGoogleGenAI, type GoogleGenAILike } from './create-google-genai.ts';
import { embedVertex } from './embed-vertex.ts';
import { streamVertexChat } from './stream-vertex-chat.ts';
import { createVertexAuth } from './vertex-auth.ts';
import type { VertexConfig } from './vertex-config.ts';
import { VERTEX_CLAUDE_CAPABILITIES } from './vertex-claude-capabilities.ts';
import { VERTEX_MODEL_CAPABILITIES } from './vertex-model-capabilities.ts';
import { vertexModelRoute } from './vertex-publisher.ts';
import type { VertexSettings } from './vertex-settings.ts';
import { VertexSignatureStore } from './vertex-signature-store.ts';
import { vertexHost } from './vertex-host.ts';
import { createVertexUrl } from './vertex-url.ts';

/** A Vertex AI provider, with the escape hatch to a configured `GoogleGenAI`. */
export interface VertexProvider extends Provider {
  /** The pinned REST version (`v1` or `v1beta1`). */
  readonly apiVersion: string;
  /**
   * A `GoogleGenAI` (`@google/genai`) in Vertex mode with the same project, location, API version, base URL,
   * headers and credentials, on Switchyard's transport, retries off. For what Switchyard does not unify
   * (caches, batch, live, count tokens). Needs `@google/genai` installed (an optional peer dependency), so its
   * type is yours to name: `await vertex.getGoogleGenAI<GoogleGenAI>()` with `import type { GoogleGenAI } from
   * '@google/genai'`; Switchyard's own types never need the package.
   */
  getGoogleGenAI<Client = GoogleGenAILike>(): Promise<Client>;
}

/**
 * Creates a provider for Gemini, Google's embedding models and Claude on Vertex AI. Claude models (`claude-*` ids,
 * `publishers/anthropic/models/…` paths, or every model with `publisher: 'anthropic'`) go through `:rawPredict` in
 * Anthropic's Messages format, on the same project, location, credentials and API version. For Gemini, `requestType`
 * (setting or request) chooses Provisioned Throughput, pay-as-you-go, Priority or Flex PayGo; the response's
 * `usageMetadata.trafficType` is reported as `capacity`. Claude requests take `provisioned` and `shared` (Priority and
 * Flex PayGo are Gemini's: such a Claude request goes to Vertex's default capacity).
 * @example
 * // Application Default Credentials (google-auth-library), a regional endpoint, GA v1:
 * const vertex = createVertex({ project: 'acme-prod', location: 'europe-west4' });
 * const result = await vertex.chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] });
 * @example
 * // Express mode: an API key, the project-less path on the global host.
 * const express = createVertex({ apiKey: process.env.GOOGLE_API_KEY });
 */
export function createVertex(settings: VertexSettings = {}): VertexProvider {
  const env = settings.env ?? process.env;
  const id = settings.id ?? 'vertex';
  const express = settings.apiKey !== undefined;
  const project = settings.project ?? (express ? undefined : env.GOOGLE_CLOUD_PROJECT);
  const location = settings.location ?? env.GOOGLE_CLOUD_LOCATION ?? 'global';
  const apiVersion = settings.apiVersion ?? DEFAULT_VERSIONS.vertexApiVersion;
  const issues: Array<{ path: string; message: string }> = [];
  if (apiVersion !== 'v1' && apiVersion !== 'v1beta1') issues.push({ path: 'apiVersion', message: `"${String(apiVersion)}" is not a Vertex AI REST version: use v1 (GA) or v1beta1.` });
  if (express && (settings.project !== undefined || settings.accessToken !== undefined || settings.googleAuthOptions !== undefined)) {
    issues.push({ path: 'apiKey', message: 'Express mode (apiKey) uses the project-less path and no OAuth credentials: drop project, accessToken and googleAuthOptions, or drop apiKey.' });
  }
  if (!express && !project) issues.push({ path: 'project', message: 'Vertex AI needs a project: pass settings.project or set GOOGLE_CLOUD_PROJECT (or use express mode with apiKey).' });
  const anthropic = settings.anthropic;
  if (anthropic?.version !== undefined && anthropic.version !== 'vertex-2023-10-16' && anthropic.version !== '2026-10-21') issues.push({ path: 'anthropic.version', message: `"${String(anthropic.version)}" is not an anthropic_version Vertex AI takes: use vertex-2023-10-16 or 2026-10-21.` });
  if (anthropic?.defaultMaxTokens !== undefined && !(Number.isInteger(anthropic.defaultMaxTokens) && anthropic.defaultMaxTokens > 0)) issues.push({ path: 'anthropic.defaultMaxTokens', message: `must be a positive integer, found ${String(anthropic.defaultMaxTokens)}.` });
  if (settings.apiKey === '' || settings.accessToken === '') issues.push({ path: settings.apiKey === '' ? 'apiKey' : 'accessToken', message: 'is empty: check the environment variable it comes from.' });
  if (issues.length > 0) throw new ConfigError(issues, { source: 'createVertex' });
  if (!express && !settings.baseURL) vertexHost(location);

  const transport = settings.transport ?? getDefaultTransport();
  const headers: Record<string, string> = {};
  if (settings.headers) for (const [k, v] of Object.entries(settings.headers)) headers[k.toLowerCase()] = v;
  const auth = createVertexAuth({
    apiKey: settings.apiKey,
    accessToken: settings.accessToken,
    googleAuthOptions: settings.googleAuthOptions,
    tokenRefreshMarginMs: settings.tokenRefreshMarginMs,
    now: settings.now ?? Date.now,
    provider: id,
  });
  const config: VertexConfig = {
    id,
    transport,
    url: createVertexUrl({ apiVersion, location, project, baseURL: settings.baseURL, express }),
    auth,
    headers,
    signatures: new VertexSignatureStore(),
  };
  if (settings.requestType !== undefined) config.requestType = settings.requestType;
  const models = { ...VERTEX_CLAUDE_CAPABILITIES, ...VERTEX_MODEL_CAPABILITIES.models, ...settings.capabilities?.models };
  const capabilities = { ...VERTEX_MODEL_CAPABILITIES, ...settings.capabilities, models };
  const claude = createVertexClaude(config, capabilities, anthropic);
  /**
   * Claude on Vertex, when the request's model is Anthropic's (an error for express mode, which serves Google's models;
   * not confirmed from a primary source that express mode has no partner models: Google documents it for Gemini);
   * else undefined.
   */
  const claudeFor = (model: string): Provider | UnsupportedFeatureError | undefined => {
    if (vertexModelRoute(model, settings.publisher).publisher !== 'anthropic') return undefined;
    if (!express) return claude;
    return new UnsupportedFeatureError(`${id}: ${model} is an Anthropic model, which Vertex AI serves on a project (express mode, apiKey, serves Google's models): configure project and credentials instead of apiKey.`, { feature: 'publisher', provider: id });
  };

  /** `claudeFor` of a request that may not be one yet (validation comes after): undefined without a model id. */
  const claudeOf = (request: ChatRequest): Provider | UnsupportedFeatureError | undefined => {
    const model = (request as { model?: unknown } | null | undefined)?.model;
    return typeof model === 'string' ? claudeFor(model) : undefined;
  };

  return {
    id,
    type: 'vertex',
    apiVersion,
    capabilities,
    // Claude's provider validates the requests it gets (once); Gemini's and the rest are validated here.
    chat: async (request) => {
      const anthropicModel = claudeOf(request);
      if (anthropicModel instanceof Error || anthropicModel === undefined) validateChatRequest(request, config.id);
      if (anthropicModel === undefined) return chatVertex(config, request);
      if (anthropicModel instanceof Error) throw anthropicModel;
      return anthropicModel.chat(request);
    },
    stream: (request: ChatRequest): AsyncIterable<StreamPart> => {
      const anthropicModel = claudeOf(request);
      if (anthropicModel !== undefined && !(anthropicModel instanceof Error)) return anthropicModel.stream(request);
      const invalid = invalidStream(request, config.id);
      if (invalid) return invalid;
      if (anthropicModel === undefined) return streamVertexChat(config, request);
      // A stream's errors come from its first next(), as with every other stream.
      return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(anthropicModel) }) };
    },
    embed: async (request) => {
      validateEmbedRequest(request, config.id);
      return embedVertex(config, request);
    },
    async close() {
      // The shared transport outlives a provider; a transport passed in is closed by whoever made it.
    },
    getGoogleGenAI: <Client>() => createGoogleGenAI({ project, location, apiVersion, baseURL: settings.baseURL, headers, auth, transport }) as Promise<Client>,
  };
}
