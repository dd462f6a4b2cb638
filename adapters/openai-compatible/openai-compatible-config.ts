import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { ProviderType } from '../../src/types/provider.ts';
import type { Warning } from '../../src/types/warning.ts';

/** The operations of the OpenAI wire format that Switchyard unifies. */
export type OpenAIOperation = 'chat/completions' | 'embeddings';

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
  bodyModel?(model: string): string | undefined;
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
  /** Ask for usage in streams with `stream_options.include_usage`. @default true */
  streamUsage?: boolean | undefined;
  /** The body field for `maxTokens`. @default 'max_completion_tokens' */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens' | undefined;
  /**
   * Checks a built body before anything is sent: throw `UnsupportedFeatureError` for a feature the provider
   * (or its pinned version) lacks, or return warnings for settings it adjusted.
   */
  checkBody?(body: Record<string, unknown>, request: ChatRequest | EmbedRequest, operation: OpenAIOperation): Warning[] | void;
  /** The served model to report when the response names none (Azure: the deployment's model version). */
  fallbackModel?(model: string): string;
  /** Options for an official `openai` client pointing at the same server; absent when none applies. */
  clientOptions?(): OpenAIClientOptions | Promise<OpenAIClientOptions>;
}
