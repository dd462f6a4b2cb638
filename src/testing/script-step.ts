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
}

/** Timing of a scripted reply. */
export interface ScriptTiming {
  /** Wait before the response starts, in ms. @default 0 */
  latencyMs?: number | undefined;
  /** Wait between stream chunks, in ms. @default 0 */
  chunkDelayMs?: number | undefined;
}

/**
 * One scripted behaviour of a mock provider, answered to one request. A script is a list of steps used in
 * order, one per request; the last step repeats.
 * - `text`: a reply (streamed in `chunks` pieces when the request streams);
 * - `tool-calls`: the model calls tools (streamed as argument deltas);
 * - `error`: an HTTP error in the provider's own format (429 with `retryAfterSeconds`/`retryAfterMs`, 503, …);
 * - `hang`: never answers, until the client gives up;
 * - `cut`: a stream that stops part-way without its terminator (for a non-streaming request, a reset connection);
 * - `embeddings`: vectors for an embedding request;
 * - `malformed`: a 200 whose body is JSON cut off mid-object (for a stream: its first event's data), as a broken
 *   proxy or a truncated response sends it.
 */
export type ScriptStep =
  | ({ type: 'text'; text: string; chunks?: number; usage?: ScriptUsage; model?: string; finishReason?: 'stop' | 'length' | 'content-filter' } & ScriptTiming)
  | ({ type: 'tool-calls'; calls: Array<{ id?: string; name: string; arguments: unknown }>; text?: string; usage?: ScriptUsage; model?: string } & ScriptTiming)
  | ({
      type: 'error';
      status: number;
      message?: string | undefined;
      code?: string | undefined;
      retryAfterSeconds?: number | undefined;
      retryAfterMs?: number | undefined;
      /** More response headers, sent last (for example `x-ms-retry-after-ms`, or `retry-after` as an HTTP date). */
      headers?: Record<string, string> | undefined;
    } & ScriptTiming)
  | { type: 'hang' }
  | ({ type: 'cut'; text: string; chunks?: number } & ScriptTiming)
  | ({ type: 'embeddings'; vectors?: number[][]; dimensions?: number; inputTokens?: number; model?: string } & ScriptTiming)
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
