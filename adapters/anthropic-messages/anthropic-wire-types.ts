/**
 * The parts of Anthropic's Messages wire format that Switchyard reads, all optional: responses are parsed leniently
 * (only the fields used), so that new fields and block types never break a call. Written after the Messages API
 * reference and the `@anthropic-ai/sdk` types (`Message`, `Usage`, `RawMessageStreamEvent`).
 */

/** `usage` of a message (and of `message_start`). Input counts exclude each other: the prompt is their sum. */
export interface AnthropicUsage {
  /** Prompt tokens after the last cache breakpoint: neither read from nor written to the cache. */
  input_tokens?: number | null;
  /** Prompt tokens written to the cache by this request. */
  cache_creation_input_tokens?: number | null;
  /** Prompt tokens read from the cache. */
  cache_read_input_tokens?: number | null;
  /** The cache writes by time to live. */
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
  /** Every billed output token, thinking included. */
  output_tokens?: number | null;
  /** A read-only breakdown of `output_tokens` (newer models). */
  output_tokens_details?: { thinking_tokens?: number } | null;
  service_tier?: string | null;
  [key: string]: unknown;
}

/** A content block of a response (or of `content_block_start`). */
export interface AnthropicContentBlock {
  type: string;
  /** `text` blocks. */
  text?: string;
  /** `thinking` blocks. */
  thinking?: string;
  signature?: string;
  /** `redacted_thinking` blocks. */
  data?: string;
  /** `tool_use` blocks. */
  id?: string;
  name?: string;
  input?: unknown;
}

/** A whole Messages response. */
export interface AnthropicMessage {
  id?: string;
  type?: string;
  role?: string;
  /**
   * The model that served, such as `claude-sonnet-4-5-20250929`: Vertex reports the `@YYYYMMDD` id with a `-` (seen in
   * recorded Vertex responses; not confirmed from a primary source).
   */
  model?: string;
  content?: AnthropicContentBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  /** Set with `stop_reason: refusal` on newer models. */
  stop_details?: { type?: string; category?: string | null; explanation?: string | null } | null;
  usage?: AnthropicUsage;
}

/** One event of a Messages stream (its `type` repeats the SSE event name). */
export interface AnthropicStreamEvent {
  type?: string;
  /** `message_start`. */
  message?: AnthropicMessage;
  /** `content_block_*`. */
  index?: number;
  content_block?: AnthropicContentBlock;
  /** `content_block_delta`: `text_delta`, `input_json_delta`, `thinking_delta`, `signature_delta`, `citations_delta`; `message_delta`: the stop reason. */
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: string | null;
    stop_sequence?: string | null;
    stop_details?: AnthropicMessage['stop_details'];
  };
  /** `message_delta`: cumulative usage. */
  usage?: AnthropicUsage;
  /** `error` (Google's envelope in front of Claude carries `code` and `status` instead of `type`). */
  error?: { type?: string; message?: string; code?: number; status?: string };
}
