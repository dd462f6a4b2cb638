import type { ChatMessage } from './chat-message.ts';
import type { ResponseFormat } from './response-format.ts';
import type { ToolChoice, ToolDefinition } from './tool-definition.ts';

/** A chat request, the same for every provider. */
export interface ChatRequest {
  /**
   * The model. For a provider: the model id it serves (Azure: the deployment name).
   * For `createSwitchyard`: an alias from the config, or `providerId:model` to address one target directly.
   */
  model: string;
  /** The conversation, oldest first. */
  messages: ChatMessage[];
  /** The most tokens to generate (sent as `max_completion_tokens`, `maxOutputTokens`, …). */
  maxTokens?: number;
  /** Sampling temperature, passed through unchanged: Switchyard never clamps a value behind your back. */
  temperature?: number;
  /** Nucleus sampling. */
  topP?: number;
  /** Sequences that stop generation. */
  stop?: string | string[];
  /** Seed for sampling, where the provider honours one. */
  seed?: number;
  /** Functions the model may call. */
  tools?: ToolDefinition[];
  /** Whether and which tool the model must call. */
  toolChoice?: ToolChoice;
  /** The shape of the reply: text (default) or JSON, optionally with a schema. */
  responseFormat?: ResponseFormat;
  /** Cancels the call. An abort by the caller is never retried and is reported as `AbortError`. */
  signal?: AbortSignal;
  /** Bounds the whole call, in milliseconds (for a stream: until the last part). Ends with `TimeoutError`. */
  timeoutMs?: number;
  /**
   * Raw fields merged into the provider's request body, keyed by provider type,
   * for example `{ openai: { service_tier: 'flex' }, vertex: { safetySettings: [...] } }`.
   */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Metering dimensions such as `{ tenant: 'acme', feature: 'search' }`, recorded in the ledger. */
  tags?: Record<string, string>;
  /** Narrows routing to providers that carry all of these tags (router only). */
  require?: { tags?: string[] };
}
