import type { CapturedRequest, ScriptStep } from './script-step.ts';

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits text into `n` pieces of about equal length (at least one character each). */
export function splitText(text: string, n: number): string[] {
  if (text.length === 0) return [''];
  const count = Math.max(1, Math.min(n, text.length));
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Words in a text, as a stand-in token count. */
export function countWords(text: string): number {
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

/** Waits for the step's latency. */
export async function applyLatency(step: ScriptStep): Promise<void> {
  const latency = 'latencyMs' in step ? step.latencyMs : undefined;
  if (latency) await sleep(latency);
}

/** How a streamed body is paced. */
export interface EventStreamOptions {
  /** Wait between events, in ms. */
  chunkDelayMs?: number | undefined;
  /** Error after the events instead of closing, as when a connection drops. */
  cut?: boolean | undefined;
  /** The request's signal: the body stops once the client has gone. */
  signal?: AbortSignal | undefined;
  /** Send only the events before this index, then nothing more (the connection stays open) until the client aborts. */
  stallAt?: number | undefined;
  /** While stalled: an SSE comment (`:`) every this many ms. */
  pingEveryMs?: number | undefined;
}

/**
 * The pacing of a scripted step's stream: `chunkDelayMs` and, with `stallAfterChunks`, the event index at which it
 * stalls; `offset` is the number of events the wire format sends before the first text piece.
 */
export function streamTiming(step: ScriptStep, signal: AbortSignal, offset: number): EventStreamOptions {
  const timing: EventStreamOptions = { signal };
  if ('chunkDelayMs' in step && step.chunkDelayMs !== undefined) timing.chunkDelayMs = step.chunkDelayMs;
  if ('stallAfterChunks' in step && step.stallAfterChunks !== undefined) timing.stallAt = offset + step.stallAfterChunks;
  if ('pingEveryMs' in step && step.pingEveryMs !== undefined) timing.pingEveryMs = step.pingEveryMs;
  return timing;
}

/**
 * A streamed body: the events in order, `chunkDelayMs` apart; with `cut`, the stream errors after
 * the events instead of closing, as when a connection drops; with `stallAt`, it goes silent there.
 */
export function eventStream(events: string[], options: EventStreamOptions = {}): ReadableStream<Uint8Array> {
  let i = 0;
  const { signal } = options;
  const stallAt = options.stallAt ?? Number.POSITIVE_INFINITY;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Once the client has gone, stop: a body that went on (or ended) after the client aborted would reach a
      // connection the HTTP client already gave up, long after the test that made it.
      if (signal?.aborted) return controller.error(new Error('the client aborted the request'));
      if (i >= stallAt) {
        // Stalled: nothing but pings (SSE comments), until the client gives up.
        await sleepUnlessAborted(options.pingEveryMs ?? 60_000, signal);
        if (signal?.aborted) return controller.error(new Error('the client aborted the request'));
        if (options.pingEveryMs !== undefined) controller.enqueue(encoder.encode(':\n\n'));
        return;
      }
      if (i < events.length) {
        if (i > 0 && options.chunkDelayMs) await sleepUnlessAborted(options.chunkDelayMs, signal);
        if (signal?.aborted) return controller.error(new Error('the client aborted the request'));
        controller.enqueue(encoder.encode(events[i++] as string));
        return;
      }
      if (options.cut) controller.error(new Error('connection reset by mock provider'));
      else controller.close();
    },
  });
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Waits until the client aborts the request (or 60 s pass), for `hang`. */
export function waitForAbort(request: Request): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    timer.unref?.();
    request.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Records a request: method, URL, lower-case headers and the JSON body. */
export async function captureRequest(request: Request): Promise<CapturedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await request.clone().text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { method: request.method, url: request.url, headers, body };
}

/** Retry headers for an error step. */
export function retryHeaders(step: { retryAfterSeconds?: number; retryAfterMs?: number }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (step.retryAfterSeconds !== undefined) headers['retry-after'] = String(step.retryAfterSeconds);
  if (step.retryAfterMs !== undefined) headers['retry-after-ms'] = String(step.retryAfterMs);
  return headers;
}

/** The JSON text of `value` cut off in the middle, as a truncated response carries it (never valid JSON). */
export function truncateJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
