import type { ChatMessage } from './chat-message.ts';
import type { ReasoningSettings } from './reasoning-settings.ts';
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
  maxTokens?: number | undefined;
  /** Sampling temperature, passed through unchanged: Switchyard never clamps a value behind your back. */
  temperature?: number | undefined;
  /** Nucleus sampling. */
  topP?: number | undefined;
  /** Sequences that stop generation. */
  stop?: string | string[] | undefined;
  /** Seed for sampling, where the provider honours one. */
  seed?: number | undefined;
  /** Functions the model may call. */
  tools?: ToolDefinition[] | undefined;
  /** Whether and which tool the model must call. */
  toolChoice?: ToolChoice | undefined;
  /** The shape of the reply: text (default) or JSON, optionally with a schema. */
  responseFormat?: ResponseFormat | undefined;
  /**
   * Reasoning controls for reasoning models; each adapter maps them to its provider's fields (README: the mapping
   * table). Routing skips targets with `capabilities.reasoning: false` when this is set (and effort is not `none`).
   */
  reasoning?: ReasoningSettings | undefined;
  /**
   * A key that groups requests sharing a long prompt prefix, sent as OpenAI and Azure `prompt_cache_key` (a routing
   * hint for the provider's prompt cache). Ignored, with no warning, by providers where it has no meaning.
   */
  cacheKey?: string | undefined;
  /**
   * Explicit prompt caching for providers that need markers (Anthropic `cache_control`): which parts of the prompt
   * end a cached prefix. Without it, nothing is marked for caching. Providers that cache automatically ignore it.
   */
  cache?: { breakpoints?: ('system' | 'tools' | 'history')[] | undefined } | undefined;
  /**
   * The OpenAI service tier to ask for (sent as `service_tier`): `flex` and `priority` have their own prices; the
   * tier that served the request decides the cost. A target's `serviceTier` in the config applies when this is unset.
   */
  serviceTier?: 'auto' | 'default' | 'flex' | 'priority' | undefined;
  /** Cancels the call. An abort by the caller is never retried and is reported as `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Bounds the whole call, in milliseconds (for a stream: until the last part). Ends with `TimeoutError`. */
  timeoutMs?: number | undefined;
  /**
   * Raw fields merged into the provider's request body, keyed by provider type,
   * for example `{ openai: { service_tier: 'flex' }, vertex: { safetySettings: [...] } }`.
   */
  providerOptions?: Record<string, Record<string, unknown>> | undefined;
  /** Metering dimensions such as `{ tenant: 'acme', feature: 'search' }`, recorded in the ledger. */
  tags?: Record<string, string> | undefined;
  /** Narrows routing to providers that carry all of these tags (router only). */
  require?: { tags?: string[] | undefined } | undefined;
}
