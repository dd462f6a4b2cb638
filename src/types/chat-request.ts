import type { CapacityRequestType } from './capacity-tier.ts';
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
  /**
   * Azure OpenAI: the standard deployment a provisioned deployment spills over to when it is full, sent as
   * `x-ms-spillover-deployment`. A target's or provider's `spillover` in the config applies when this is unset.
   * Ignored by other providers.
   */
  spillover?: { deployment: string } | undefined;
  /**
   * Vertex AI: which capacity to use (`CapacityRequestType`), sent as `X-Vertex-AI-LLM-Request-Type` /
   * `X-Vertex-AI-LLM-Shared-Request-Type`. A target's or provider's `requestType` applies when this is unset;
   * without any, nothing is sent (Vertex's default: Provisioned Throughput when there is some, then pay-as-you-go).
   * Ignored by other providers.
   */
  requestType?: CapacityRequestType | undefined;
  /** Cancels the call. An abort by the caller is never retried and is reported as `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Bounds the whole call, in milliseconds (for a stream: until the last part). Ends with `TimeoutError`. */
  timeoutMs?: number | undefined;
  /**
   * For a stream: the longest the provider may send no part after the first one, in milliseconds; then the stream
   * ends with `TimeoutError` kind `idle` (`StreamInterruptedError` around it once content was delivered). SSE
   * comments and pings do not count as parts. Through `createSwitchyard` it replaces the route's `timeouts.idleMs`.
   * Unset on a provider used directly: no idle limit.
   */
  idleTimeoutMs?: number | undefined;
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
