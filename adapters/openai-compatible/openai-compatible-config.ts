import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ChatApi } from '../../src/types/chat-api.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { ProviderType } from '../../src/types/provider.ts';
import type { ServedCapacity } from '../../src/types/served-capacity.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { OpenAIChatDocuments } from './openai-chat-documents.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

/** The operations of the OpenAI wire format that Switchyard unifies (`responses`: the Responses API). */
export type OpenAIOperation = 'chat/completions' | 'responses' | 'embeddings';

/** The options an official `openai` client needs to talk to the same server (the escape hatch). */
export interface OpenAIClientOptions {
  /** The base URL the operations hang off (`https://api.openai.com/v1`). */
  baseURL: string;
  /** The API key, sent as `Authorization: Bearer`; absent for servers without auth (the client gets a placeholder). */
  apiKey?: string | undefined;
  /** Headers on every request (never the credential). */
  defaultHeaders?: Record<string, string> | undefined;
  /** Query parameters on every request. */
  defaultQuery?: Record<string, string> | undefined;
}

/**
 * How a provider that speaks the OpenAI wire format differs from the others: URL, auth, body model,
 * feature checks. Internal: built by the `openai`, `azure-openai`, `coreweave` and `oci` adapters.
 */
export interface OpenAICompatibleConfig {
  /** The provider's id (config id, or its type). */
  id: string;
  /** The provider type; also the key of `request.providerOptions` merged into the body. */
  type: ProviderType;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** The absolute URL of an operation for a model (Azure classic puts the deployment in the path). */
  url(operation: OpenAIOperation, model: string): string;
  /** The body's `model` value; undefined omits it. @default the model as given */
  bodyModel?: ((model: string) => string | undefined) | undefined;
  /** Request headers including auth (lower-case names). `forceRefresh` asks for a new token after a 401. */
  headers(options: { forceRefresh: boolean; signal?: AbortSignal }): Record<string, string> | Promise<Record<string, string>>;
  /** Whether a 401 may be answered by renewing the token once. @default false */
  refreshOnUnauthorized?: boolean | undefined;
  /** Credentials to scrub from errors. */
  secrets(): readonly string[];
  /** What the provider's models can do. */
  capabilities: ProviderCapabilities;
  /** The API version the provider is pinned to. */
  apiVersion?: string | undefined;
  /** The API `chat` and `stream` call. @default 'chat' */
  api?: ChatApi | undefined;
  /** The APIs the server serves, the ones `withApi` may switch to. @default ['chat'] */
  apis?: readonly ChatApi[] | undefined;
  /** Why an API is not served (for the `ConfigError` of `withApi`), when the adapter knows more than "not served". */
  missingApi?: ((api: ChatApi) => string | undefined) | undefined;
  /** Ask for usage in streams with `stream_options.include_usage`. @default true */
  streamUsage?: boolean | undefined;
  /** The body field for `maxTokens`. @default 'max_completion_tokens' */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens' | undefined;
  /**
   * Checks a built body before anything is sent: throw `UnsupportedFeatureError` for a feature the provider
   * (or its pinned version) lacks, or return warnings for settings it adjusted. `operation` tells which body it is
   * (`chat/completions`, `responses`, `embeddings`).
   */
  checkBody?: ((body: Record<string, unknown>, request: ChatRequest | EmbedRequest, operation: OpenAIOperation) => Warning[] | void) | undefined;
  /**
   * Warn when the served model is not the one sent (nor a version of it): for self-hosted servers that answer any
   * model name with their own alias (llama.cpp). Off for providers that resolve aliases to versions or deployments.
   * @default false
   */
  checkServedModel?: boolean | undefined;
  /**
   * How a model takes `request.reasoning` on Chat Completions; on the Responses API its efforts (which efforts the
   * model accepts, or none) apply to `reasoning.effort` too. @default `reasoning_effort` sent as asked
   */
  chatReasoning?: ((model: string) => OpenAIChatReasoning) | undefined;
  /** How user `file` parts go on Chat Completions. @default not at all (`UnsupportedFeatureError`) */
  chatDocuments?: OpenAIChatDocuments | undefined;
  /** Send `request.cacheKey` as `prompt_cache_key` (both APIs); else it is ignored without a warning. @default false */
  promptCacheKey?: boolean | undefined;
  /** The assistant message field that carries earlier reasoning text back (vLLM `reasoning`). @default none */
  reasoningReplayField?: string | undefined;
  /** The served model to report when the response names none (Azure: the deployment's model version). */
  fallbackModel?: ((model: string) => string) | undefined;
  /** Send `request.serviceTier` as `service_tier` (OpenAI, Azure OpenAI). @default false: it is not sent */
  serviceTier?: boolean | undefined;
  /** Headers one chat request adds (Azure: `x-ms-spillover-deployment`); undefined adds none. */
  requestHeaders?: ((request: ChatRequest) => Record<string, string> | undefined) | undefined;
  /**
   * The capacity that served a chat answer, from its headers and its `service_tier` (undefined when the answer has
   * none); also read from the headers of an error answer (with `serviceTier` undefined). Undefined: unknown.
   */
  capacity?: ((headers: Record<string, string>, serviceTier: string | undefined, request: ChatRequest) => ServedCapacity | undefined) | undefined;
  /** Options for an official `openai` client pointing at the same server; absent when none applies. */
  clientOptions?: (() => OpenAIClientOptions | Promise<OpenAIClientOptions>) | undefined;
}
