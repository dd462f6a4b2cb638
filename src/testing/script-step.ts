/** Token counts a scripted reply reports (each provider's usage block is built from them). */
export interface ScriptUsage {
  /** Prompt tokens, cached included. @default 12 */
  inputTokens?: number | undefined;
  /** Output tokens, reasoning included. @default the number of words in the text, at least 1 */
  outputTokens?: number | undefined;
  /** Cached prompt tokens. @default 0 */
  cachedInputTokens?: number | undefined;
  /** Reasoning tokens. @default 0 */
  reasoningTokens?: number | undefined;
  /** Prompt tokens written to a cache (Anthropic `cache_creation_input_tokens`). @default 0 */
  cacheWriteTokens?: number | undefined;
}

/** How a scripted reply says which capacity served it (see `ServedCapacity`). */
export interface ScriptCapacity {
  /**
   * OpenAI wire format: the response's `service_tier` (`default`, `flex`, `priority`), on Chat Completions and the
   * Responses API. @default 'default' in OpenAI's and Azure's Chat Completions bodies; on the Responses API the tier asked for, else 'default'
   */
  serviceTier?: string | undefined;
  /** Vertex: `usageMetadata.trafficType` (`ON_DEMAND`, `ON_DEMAND_PRIORITY`, `ON_DEMAND_FLEX`, `PROVISIONED_THROUGHPUT`). @default 'ON_DEMAND' */
  trafficType?: string | undefined;
  /** More response headers, sent last: Azure's `x-ms-spillover-from-deployment` and `x-ms-deployment-name`, for example. */
  headers?: Record<string, string> | undefined;
}

/** Timing of a scripted reply. */
export interface ScriptTiming {
  /** Wait before the response starts, in ms. @default 0 */
  latencyMs?: number | undefined;
  /** Wait between stream chunks, in ms. @default 0 */
  chunkDelayMs?: number | undefined;
  /**
   * A stream that sends its first this many text pieces and then goes silent: the connection stays open and nothing
   * more arrives, until the client gives up (for testing `timeouts.idleMs`). @default never
   */
  stallAfterChunks?: number | undefined;
  /** While stalled: an SSE comment line (`:`) every this many ms, as llama-server sends before it closes. @default none */
  pingEveryMs?: number | undefined;
}

/**
 * One scripted behaviour of a mock provider, answered to one request. A script is a list of steps used in
 * order, one per request; the last step repeats.
 * - `text`: a reply (streamed in `chunks` pieces when the request streams), served at the capacity its
 *   `serviceTier`, `trafficType` and `headers` say;
 * - `tool-calls`: the model calls tools (streamed as argument deltas);
 * - `error`: an HTTP error in the provider's own format (429 with `retryAfterSeconds`/`retryAfterMs`, 503, …);
 * - `hang`: never answers, until the client gives up;
 * - `cut`: a stream that stops part-way without its terminator (for a non-streaming request, a reset connection);
 *   with `error`, Anthropic streams end with that `error` event instead (an `overloaded_error` mid-stream);
 * - `embeddings`: vectors for an embedding request;
 * - `malformed`: a 200 whose body is JSON cut off mid-object (for a stream: its first event's data), as a broken
 *   proxy or a truncated response sends it.
 *
 * On the Responses API handlers (`POST /responses`), `reasoning` adds a reasoning item with that summary and
 * encrypted content before the answer, and an `error` step with `inStream: true` answers a streaming request with
 * 200, `response.created`, then an `error` event and `response.failed` (as OpenAI reports `insufficient_quota`).
 */
export type ScriptStep =
  | ({ type: 'text'; text: string; chunks?: number | undefined; usage?: ScriptUsage | undefined; model?: string | undefined; finishReason?: 'stop' | 'length' | 'content-filter' | undefined; /** The model's reasoning before the text: Responses mocks send a reasoning summary with encrypted content, Anthropic mocks a thinking block with a signature. */ reasoning?: string | undefined } & ScriptTiming & ScriptCapacity)
  | ({ type: 'tool-calls'; calls: Array<{ id?: string | undefined; name: string; arguments: unknown }>; text?: string | undefined; usage?: ScriptUsage | undefined; model?: string | undefined; /** The model's reasoning before the calls (Responses and Anthropic mocks). */ reasoning?: string | undefined } & ScriptTiming & ScriptCapacity)
  | ({
      type: 'error';
      status: number;
      message?: string | undefined;
      code?: string | undefined;
      retryAfterSeconds?: number | undefined;
      retryAfterMs?: number | undefined;
      /** More response headers, sent last (for example `x-ms-retry-after-ms`, or `retry-after` as an HTTP date). */
      headers?: Record<string, string> | undefined;
      /** Responses handlers, streaming requests: a 200 stream that reports the error in-band instead of an HTTP error. */
      inStream?: boolean | undefined;
    } & ScriptTiming)
  | { type: 'hang' }
  | ({ type: 'cut'; text: string; chunks?: number | undefined; /** Anthropic mocks: end with this `error` event (`overloaded_error`, `api_error`, …) instead of just closing. */ error?: string | undefined } & ScriptTiming)
  | ({ type: 'embeddings'; vectors?: number[][] | undefined; dimensions?: number | undefined; inputTokens?: number | undefined; model?: string | undefined } & ScriptTiming)
  | ({ type: 'malformed' } & ScriptTiming);

/** A request the mock provider received. */
export interface CapturedRequest {
  method: string;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when none). */
  body: any;
}
