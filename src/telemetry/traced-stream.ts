import { READ_PARTS, readParts, type PartBatchSource } from '../http/read-parts.ts';
import type { ServedTarget } from '../types/served-target.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { ToolCall } from '../types/tool-call.ts';
import type { CallTrace } from './call-trace.ts';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const EMPTY: StreamPart[] = [];

/**
 * A routed stream under a call span: the span starts on the first `next()` (when the stream opens) and ends
 * with the `finish` part, the error that ended the stream, or the caller's `return()`. The reads that open the stream
 * run in the call's context, so that the router's attempt events (every attempt, failover and hedge happens before
 * the first content) find their call span; the reads after it do not enter the context again (two context switches
 * per network read, a hundred for a stream paced by its provider): the one event left, the serving attempt's end,
 * finds its call among the calls in flight. It reads the router's batches (all the parts of one network read at a
 * time) and looks at each part synchronously as it hands it out.
 */
export class TracedStream implements AsyncIterator<StreamPart>, PartBatchSource {
  readonly #open: () => AsyncIterator<StreamPart>;
  readonly #begin: () => CallTrace | undefined;
  readonly #run: <T>(trace: CallTrace, fn: () => T) => T;
  readonly #recordContent: boolean;
  #inner: AsyncIterator<StreamPart> | undefined;
  #read: (() => Promise<StreamPart[] | undefined>) | undefined;
  #trace: CallTrace | undefined;
  #held: StreamPart[] = EMPTY;
  #next = 0;
  /** Set once the first batch arrived: the stream is open, later reads run outside the call's context. */
  #opened = false;
  #text = '';
  readonly #toolCalls: ToolCall[] = [];

  constructor(open: () => AsyncIterator<StreamPart>, begin: () => CallTrace | undefined, run: <T>(trace: CallTrace, fn: () => T) => T, recordContent: boolean) {
    this.#open = open;
    this.#begin = begin;
    this.#run = run;
    this.#recordContent = recordContent;
  }

  /** The routed stream's `served` (`ServedTarget`), passed through. */
  get served(): ServedTarget | undefined {
    return (this.#inner as { served?: ServedTarget } | undefined)?.served;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    const inner = this.#start();
    const trace = this.#trace;
    if (!trace) return inner.next();
    if (this.#next < this.#held.length) return Promise.resolve(this.#take());
    return this.#pull(trace).then(this.#onBatch, this.#onError);
  }

  [READ_PARTS](): Promise<StreamPart[] | undefined> {
    this.#start();
    const trace = this.#trace;
    if (!trace) return (this.#read as () => Promise<StreamPart[] | undefined>)();
    if (this.#next < this.#held.length) {
      const rest = this.#held.slice(this.#next);
      this.#held = EMPTY;
      this.#next = 0;
      for (const part of rest) this.#observe(part);
      return Promise.resolve(rest);
    }
    return this.#pull(trace).then(this.#onBatchAll, this.#onError);
  }

  /** The next batch: read in the call's context until the stream has opened. */
  #pull(trace: CallTrace): Promise<StreamPart[] | undefined> {
    const read = this.#read as () => Promise<StreamPart[] | undefined>;
    return this.#opened ? read() : this.#run(trace, read);
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.#trace?.cancel();
    return this.#inner?.return?.() ?? Promise.resolve(DONE);
  }

  #start(): AsyncIterator<StreamPart> {
    if (!this.#inner) {
      this.#trace = this.#begin();
      this.#inner = this.#open();
      this.#read = readParts(this.#inner);
    }
    return this.#inner;
  }

  #take(): IteratorResult<StreamPart> {
    const part = this.#held[this.#next++] as StreamPart;
    this.#observe(part);
    return { done: false, value: part };
  }

  readonly #onBatch = (batch: StreamPart[] | undefined): IteratorResult<StreamPart> => {
    if (batch === undefined) {
      this.#trace?.cancel();
      return DONE;
    }
    this.#opened = true;
    this.#held = batch;
    this.#next = 0;
    return this.#take();
  };

  readonly #onBatchAll = (batch: StreamPart[] | undefined): StreamPart[] | undefined => {
    if (batch === undefined) this.#trace?.cancel();
    else {
      this.#opened = true;
      for (const part of batch) this.#observe(part);
    }
    return batch;
  };

  #observe(part: StreamPart): void {
    const trace = this.#trace as CallTrace;
    if (part.type === 'finish') trace.succeed(part, this.#recordContent ? { text: this.#text, toolCalls: this.#toolCalls } : undefined);
    else if (this.#recordContent) {
      if (part.type === 'text-delta') this.#text += part.text;
      else if (part.type === 'tool-call') this.#toolCalls.push(part);
    }
  }

  readonly #onError = (error: unknown): never => {
    this.#trace?.fail(error);
    throw error;
  };
}
