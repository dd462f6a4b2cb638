import type { ServerResponse } from 'node:http';
import type { RoutedStreamPart } from '../../types/routed-result.ts';
import type { ServedTarget } from '../../types/served-target.ts';

/** A stream's `finish` part, with what the router adds to it. */
export type FinishPart = Extract<RoutedStreamPart, { type: 'finish' }>;

/** An error as a stream reports it in-band: OpenAI's `error` object. */
export interface WireError {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

const SSE_HEADERS = ['content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache', 'x-accel-buffering', 'no'];

/**
 * The base of the gateway's SSE answers (Chat Completions chunks, Responses events): a subclass turns each part into
 * its events with `queue`, and the stream loop (`pipeRoutedStream`) sends what the parts of one batch read (one network
 * read upstream) queued as one `write`: one UTF-8 conversion and one chunk of the HTTP body per batch, however many
 * parts it held. It waits for `drain` when the client reads slower than the provider sends, so a slow client slows the
 * upstream rather than filling memory.
 */
export abstract class SseWriter {
  protected readonly res: ServerResponse;
  /** Events queued since the last write. */
  #pending = '';
  #ended = false;

  constructor(res: ServerResponse) {
    this.res = res;
  }

  /** The events that open the stream, once its first batch arrived (`served`: the target serving it, when known). */
  protected abstract opening(served: ServedTarget | undefined): string;

  /** Queues the events of one part that is not the `finish` part. */
  abstract part(part: Exclude<RoutedStreamPart, { type: 'finish' }>): void;

  /** Queues the stream's last events for its `finish` part (the caller ends the answer). */
  protected abstract closing(part: FinishPart): string;

  /** The events that end a stream that failed after it started (no `[DONE]`, no completed event), so clients raise. */
  protected abstract failure(error: WireError): string;

  /** Sends the status, the headers and the opening events (queued: they go out with the first batch's). */
  start(headers: string[], served: ServedTarget | undefined): void {
    for (const h of SSE_HEADERS) headers.push(h);
    this.res.writeHead(200, headers);
    this.#pending = this.opening(served);
  }

  /** Appends events to the batch being written. */
  protected queue(events: string): void {
    this.#pending += events;
  }

  /**
   * Writes what the batch queued: `true` when the caller may read on at once, or a promise that settles when the
   * client drained the socket's buffer (or went away).
   */
  flush(): true | Promise<void> {
    const out = this.#pending;
    if (out === '') return true;
    this.#pending = '';
    const res = this.res;
    if (res.destroyed || res.write(out)) return true;
    return new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  /** Ends the answer with the `finish` part's events. */
  finish(part: FinishPart): void {
    this.#end(this.closing(part));
  }

  /** Ends the answer with the in-band error events. */
  error(error: WireError): void {
    if (this.res.destroyed) return;
    this.#end(this.failure(error));
  }

  #end(last: string): void {
    if (this.#ended) return;
    this.#ended = true;
    const out = this.#pending + last;
    this.#pending = '';
    this.res.end(out);
  }
}
