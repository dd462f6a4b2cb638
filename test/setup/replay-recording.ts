import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/llama-server/', import.meta.url));
// Hop-by-hop and framing headers belong to the recorded connection, not to the replayed response.
const DROPPED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** One recorded exchange: the status, headers and exact body bytes the server sent, and the body it was sent. */
export interface Recording {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The recorded request body, when it was kept (small ones only). */
  request?: unknown;
}

/** Loads `test/fixtures/llama-server/NAME.*`. */
export function loadRecording(name: string): Recording {
  const lines = readFileSync(`${DIR}${name}.resp.headers`, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!DROPPED.has(key)) headers[key] = line.slice(colon + 1).trim();
  }
  const recording: Recording = { name, status, headers, body: new Uint8Array(readFileSync(`${DIR}${name}.resp.body`)) };
  if (existsSync(`${DIR}${name}.req.json`)) recording.request = JSON.parse(readFileSync(`${DIR}${name}.req.json`, 'utf8'));
  return recording;
}

/** The recorded SSE body cut into its events (each with its blank line), as the server flushed them. */
export function sseEvents(recording: Recording): string[] {
  const text = new TextDecoder().decode(recording.body);
  const events: string[] = [];
  let at = 0;
  for (let end = text.indexOf('\n\n', at); end !== -1; end = text.indexOf('\n\n', at)) {
    events.push(text.slice(at, end + 2));
    at = end + 2;
  }
  if (at < text.length) events.push(text.slice(at));
  return events;
}

/** Options of `replay`. */
export interface ReplayOptions {
  /** The request's signal (a stalled body ends when the client gives up). */
  signal?: AbortSignal;
  /** Stream: send only the first this many events, then nothing more (the connection stays open). */
  stallAfterEvents?: number;
  /** Stream: wait this long between events, in ms. @default 0 */
  eventDelayMs?: number;
}

/**
 * A response with the recording's status, headers and bytes. A `text/event-stream` body is delivered one event per
 * chunk, as the server flushed it; with `stallAfterEvents` it stops there and stays open until the client aborts.
 */
export function replay(recording: Recording, options: ReplayOptions = {}): Response {
  const init = { status: recording.status, headers: recording.headers };
  if (!recording.headers['content-type']?.startsWith('text/event-stream')) return new Response(recording.body.slice(), init);
  const events = sseEvents(recording);
  const encoder = new TextEncoder();
  const stallAt = options.stallAfterEvents ?? events.length;
  let i = 0;
  const { signal } = options;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  return new Response(
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (signal?.aborted) return controller.error(new Error('the client aborted the request'));
        if (i >= stallAt || i >= events.length) {
          if (options.stallAfterEvents === undefined) return controller.close();
          await wait(60_000);
          return controller.error(new Error('the client aborted the request'));
        }
        if (i > 0 && options.eventDelayMs) await wait(options.eventDelayMs);
        controller.enqueue(encoder.encode(events[i++] as string));
      },
    }),
    init,
  );
}
