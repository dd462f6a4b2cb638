import { ConfigError } from '../../src/errors/config-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { Provider } from '../../src/types/provider.ts';
import { createOpenAIClient } from '../openai-compatible/create-openai-client.ts';
import { createOpenAICompatibleProvider } from '../openai-compatible/create-openai-compatible-provider.ts';
import { createCoreWeaveChatReasoning } from './coreweave-chat-reasoning.ts';
import { COREWEAVE_PROJECT, COREWEAVE_PROJECT_MESSAGE } from './coreweave-project.ts';
import { COREWEAVE_SERVERLESS_BASE_URL } from './coreweave-serverless-base-url.ts';
import type { CoreWeaveSettings } from './coreweave-settings.ts';

/** A CoreWeave provider, with the escape hatch to a configured official `openai` client. */
export interface CoreWeaveProvider extends Provider {
  /** An official `openai` client pointing at the same server, on Switchyard's transport, `maxRetries: 0`. */
  getOpenAIClient(): ReturnType<typeof createOpenAIClient>;
}

/**
 * Creates a provider for models on CoreWeave: Serverless Inference (the default base URL, an API key
 * and optional `project`), or a self-hosted vLLM or NVIDIA NIM server (`baseURL`, key optional).
 * vLLM's, NIM's and llama.cpp's ways are handled by the shared base: integer error codes beside a string `type`,
 * context-length errors with their numbers, 501 and request errors under a 5xx that are not server failures, an
 * error object inside a 200 stream followed by `[DONE]`, `reasoning` / `reasoning_content` as reasoning output, and
 * usage in streams only when asked (Switchyard always asks). Settings the server ignored and the answer shows (a
 * forced tool not called, JSON that is not JSON, a served model other than the one asked for) come back as warnings;
 * what the answer cannot show is not reported (vLLM logs and ignores unknown fields, llama.cpp accepts a negative
 * `temperature`), so Switchyard sends only fields these servers read. Serverless limits are concurrency-based: its
 * 429 "Concurrency limit reached for requests" is a `RateLimitError` with `kind: 'concurrency'` (send fewer at once),
 * and its 402 (credits used up) a `QuotaExhaustedError`.
 * @example
 * const cw = createCoreWeave({ baseURL: 'https://llm.acme.example/v1', apiKey: process.env.CW_KEY });
 */
export function createCoreWeave(settings: CoreWeaveSettings = {}): CoreWeaveProvider {
  const serverless = settings.baseURL === undefined;
  const baseURL = (settings.baseURL ?? COREWEAVE_SERVERLESS_BASE_URL).replace(/\/+$/, '');
  if (serverless && !settings.apiKey) {
    throw new ConfigError([{ path: 'apiKey', message: 'CoreWeave Serverless Inference needs an API key (settings.apiKey); for a self-hosted vLLM or NIM server, set baseURL.' }], { source: 'createCoreWeave' });
  }
  if (settings.project !== undefined && !COREWEAVE_PROJECT.test(settings.project)) {
    throw new ConfigError([{ path: 'project', message: COREWEAVE_PROJECT_MESSAGE }], { source: 'createCoreWeave' });
  }
  const id = settings.id ?? 'coreweave';
  const transport = settings.transport ?? getDefaultTransport();
  const fixed: Record<string, string> = {};
  if (settings.headers) for (const [k, v] of Object.entries(settings.headers)) fixed[k.toLowerCase()] = v;
  if (settings.project) fixed['openai-project'] = settings.project;
  if (settings.apiKey) fixed.authorization = `Bearer ${settings.apiKey}`;
  const apiKey = settings.apiKey;
  const replayField = settings.reasoning?.replayField === undefined ? 'reasoning' : settings.reasoning.replayField;

  const provider = createOpenAICompatibleProvider({
    id,
    type: 'coreweave',
    transport,
    url: (operation) => `${baseURL}/${operation}`,
    headers: () => ({ ...fixed }),
    secrets: () => (apiKey ? [apiKey] : []),
    capabilities: settings.capabilities ?? { tools: true, jsonSchema: true, embeddings: true, documents: false },
    maxTokensField: settings.maxTokensField ?? 'max_tokens',
    checkServedModel: true,
    chatReasoning: createCoreWeaveChatReasoning(settings.reasoning, id),
    chatDocuments: {
      style: 'unsupported',
      reason: "vLLM's Chat Completions takes text, image, audio and video parts but no documents (vLLM's content-part parsers have no file part), and NIM and Serverless Inference document none",
    },
    ...(replayField ? { reasoningReplayField: replayField } : {}),
  });
  const { authorization: _auth, ...defaultHeaders } = fixed;
  return Object.assign(provider, {
    getOpenAIClient: () => createOpenAIClient({ baseURL, apiKey, defaultHeaders }, transport),
  });
}
