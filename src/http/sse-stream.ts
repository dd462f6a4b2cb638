import { ResponseParseError } from '../errors/response-parse-error.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { StreamPart } from '../types/stream-part.ts';
import { createCallDeadline, type CallDeadline } from './call-deadline.ts';
import type { HttpResponse } from './http-transport.ts';
import { mapHttpError } from './map-http-error.ts';
import { PartStream } from './part-stream.ts';
import { readBodyText } from './read-body-text.ts';
import { redactSecrets } from './redact-secrets.ts';
import type { RequestContext } from './request-context.ts';
import { SseParser, type SseEvent } from './sse-parser.ts';
import { toResponseParseError } from './to-response-parse-error.ts';
import { toStreamFailure } from './to-stream-failure.ts';
import { toTransportError } from './to-transport-error.ts';

const BODY_END: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The base of the adapters' streams over server-sent events: it owns the call's deadline (and its idle watch), sends
 * the request on the first read (`open`), feeds each network read to the SSE parser and hands its events to the
 * subclass (`event`) in one synchronous loop, and turns whatever goes wrong into the error the stream ends with:
 * transport failures typed where they happen, anything thrown while reading an event quoted as that event's shape,
 * `StreamInterruptedError` once content was delivered. A subclass knows its wire format and nothing else.
 */
export abstract class SseStream<Context extends RequestContext = RequestContext> extends PartStream {
  protected readonly request: ChatRequest;
  /** The provider's id, for the deadline's errors. */
  readonly #provider: string;
  readonly #parser = new SseParser();
  #context: Context | undefined;
  #deadline: CallDeadline | undefined;
  #iterator: AsyncIterator<Uint8Array> | undefined;
  /** The data being read (an event's, or a whole body's), so that a failure can quote it. */
  protected data: string | undefined;
  /** Content parts pushed so far and their characters, for the error of a stream cut after content. */
  protected delivered = 0;
  protected characters = 0;

  constructor(request: ChatRequest, provider: string) {
    super();
    this.request = request;
    this.#provider = provider;
  }

  /** The request's context, made once on the first read with the call's deadline. */
  protected abstract createContext(deadline: CallDeadline): Context;

  /**
   * Sends the request. Resolves with the event stream's body, or with `false` when the answer was handled whole
   * (a JSON body: its parts pushed onto `out`, the finish part last, or its error thrown).
   */
  protected abstract open(ctx: Context, out: StreamPart[]): Promise<AsyncIterable<Uint8Array> | false>;

  /** One event: its parts onto `out`. Returns true when it ended the stream (the finish part pushed). */
  protected abstract event(event: SseEvent, ctx: Context, out: StreamPart[]): boolean;

  /**
   * The body ended before an event ended the stream: push the finish part (a format whose end of body completes the
   * answer) or throw the error of a cut stream.
   */
  protected abstract ended(out: StreamPart[]): void;

  /** Whether a connection lost while reading loses nothing (the answer is already complete). @default false */
  protected dropIsHarmless(): boolean {
    return false;
  }

  /**
   * The body of a streaming request, or the error of a server that ignored `stream: true` (or a gateway in front of
   * it) and answered with one JSON body: its error when it carries one, else a `ResponseParseError` that says so
   * (not "ended before its last event").
   */
  protected async eventStreamOf(response: HttpResponse, ctx: Context): Promise<AsyncIterable<Uint8Array>> {
    if (!response.headers['content-type']?.startsWith('application/json')) return response.body;
    const text = await readBodyText(response, ctx);
    if (text.includes('"error"')) throw mapHttpError({ status: response.status, headers: response.headers, body: text, provider: ctx.provider, model: this.request.model, secrets: ctx.secrets });
    throw new ResponseParseError(`${ctx.provider} answered a streaming request with a JSON body instead of an event stream.`, { rawText: redactSecrets(text, ctx.secrets), provider: ctx.provider });
  }

  /** The context, once the first read has made it (event handlers may need it for errors). */
  protected get context(): Context {
    return this.#context as Context;
  }

  protected async read(out: StreamPart[]): Promise<boolean> {
    const ctx = (this.#context ??= this.#start());
    try {
      let iterator = this.#iterator;
      if (iterator === undefined) {
        const body = await this.open(ctx, out);
        if (body === false) {
          this.#finished();
          return false;
        }
        iterator = this.#iterator = body[Symbol.asyncIterator]();
      }
      let read: IteratorResult<Uint8Array>;
      try {
        read = await iterator.next();
      } catch (error) {
        if (!this.dropIsHarmless() || ctx.deadline.reason()) throw toTransportError(error, ctx);
        read = BODY_END;
      }
      const events = read.done ? this.#parser.end() : this.#parser.push(read.value);
      for (let e = 0; e < events.length; e++) {
        const event = events[e] as SseEvent;
        this.data = event.data;
        if (this.event(event, ctx, out)) {
          this.#finished();
          return false;
        }
      }
      if (!read.done) return true;
      this.ended(out);
      this.#finished();
      return false;
    } catch (error) {
      this.release();
      const data = this.data;
      throw toStreamFailure(data === undefined || ctx.deadline.reason() ? error : toResponseParseError(error, data, ctx), ctx, this.delivered, this.characters);
    }
  }

  protected release(): void {
    this.#deadline?.dispose();
    this.#iterator?.return?.()?.catch(() => undefined);
    this.#iterator = undefined;
  }

  #start(): Context {
    const request = this.request;
    const deadline = createCallDeadline(request.signal, request.timeoutMs, this.#provider, request.idleTimeoutMs);
    this.#deadline = deadline;
    this.idle = deadline.idle;
    return this.createContext(deadline);
  }

  /** The answer is complete: its timer and listener go; the body, read to its last event, stays with the pool. */
  #finished(): void {
    this.#deadline?.dispose();
    this.#iterator = undefined;
  }
}
