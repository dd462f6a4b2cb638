import type { StreamPart } from '../types/stream-part.ts';
import type { IdleTimer } from './idle-timer.ts';
import { READ_PARTS, type PartBatchSource } from './read-parts.ts';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const EMPTY: StreamPart[] = [];
const RESOLVED = Promise.resolve();

/**
 * The base of every adapter's stream: a subclass turns one network read into parts (`read`), and this class hands
 * them out, as an `AsyncIterator<StreamPart>` one part at a time (a part already read costs no more than a resolved
 * promise) and through the batch read (`READ_PARTS`) a read at a time. Parts read before an error are delivered
 * before it, as an async generator would; reads that overlap are served in order (each gets the next part);
 * `return()` releases the stream once, also while a read is in flight.
 */
export abstract class PartStream implements AsyncIterableIterator<StreamPart>, PartBatchSource {
  #buffer: StreamPart[] = EMPTY;
  #index = 0;
  /** No more reads: the stream ended, failed or was returned. */
  #ended = false;
  #returned = false;
  #failed = false;
  #error: unknown;
  /** Reads waiting or in flight, and the last of them (the next one queues behind it). */
  #pending = 0;
  #last: Promise<unknown> | undefined;
  /**
   * The stream's idle watch (the request's `idleTimeoutMs`, from its `CallDeadline`), set by the subclass when it
   * opens: timed per network read here, so that bytes that make no part (SSE comments) do not reset it.
   */
  protected idle: IdleTimer | undefined;

  /**
   * Reads once from the network and pushes the parts it completed onto `out`. Resolves with false when the stream is
   * over (its last parts, the `finish` part among them, pushed), true when more may come. Throws the typed error that
   * ends the stream; parts pushed before the throw are delivered first. Never called again after false or a throw.
   */
  protected abstract read(out: StreamPart[]): Promise<boolean>;

  /** Releases what the stream holds (the response body, timers) when the caller stops before the end. */
  protected abstract release(): void;

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.#pending === 0) {
      if (this.#index < this.#buffer.length) return Promise.resolve(this.#takeOne());
      // The common slow path, nobody else waiting: one read, and its parts taken in the same callback.
      this.#pending = 1;
      return (this.#last = this.#pull().then(this.#pulledOne, this.#settledWithError));
    }
    return this.#enqueue(this.#nextNow);
  }

  [READ_PARTS](): Promise<StreamPart[] | undefined> {
    if (this.#pending === 0) {
      if (this.#index < this.#buffer.length) return Promise.resolve(this.#takeAll());
      this.#pending = 1;
      return (this.#last = this.#pull().then(this.#pulledAll, this.#settledWithError));
    }
    return this.#enqueue(this.#batchNow);
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.#buffer = EMPTY;
    this.#index = 0;
    if (!this.#ended) {
      this.#ended = true;
      this.#returned = true;
      this.release();
    }
    return Promise.resolve(DONE);
  }

  /** Runs a read after those already waiting: overlapping reads are served strictly in the order they were made. */
  #enqueue<T>(read: () => Promise<T> | T): Promise<T> {
    const last = this.#last;
    const run = (last === undefined ? read() : last.then(read, read)) as Promise<T>;
    this.#pending++;
    const settled = run.then(this.#settled, this.#settledWithError) as Promise<T>;
    this.#last = settled;
    return settled;
  }

  readonly #pulledOne = (): IteratorResult<StreamPart> => {
    if (--this.#pending === 0) this.#last = undefined;
    return this.#takeOneOrEnd();
  };

  readonly #pulledAll = (): StreamPart[] | undefined => {
    if (--this.#pending === 0) this.#last = undefined;
    return this.#takeRest();
  };

  readonly #settled = <T>(value: T): T => {
    if (--this.#pending === 0) this.#last = undefined;
    return value;
  };

  readonly #settledWithError = (error: unknown): never => {
    if (--this.#pending === 0) this.#last = undefined;
    throw error;
  };

  readonly #nextNow = (): Promise<IteratorResult<StreamPart>> | IteratorResult<StreamPart> => (this.#index < this.#buffer.length ? this.#takeOne() : this.#pull().then(this.#takeOneOrEnd));

  readonly #batchNow = (): Promise<StreamPart[] | undefined> | StreamPart[] => (this.#index < this.#buffer.length ? this.#takeAll() : this.#pull().then(this.#takeRest));

  #takeOne(): IteratorYieldResult<StreamPart> {
    return { done: false, value: this.#buffer[this.#index++] as StreamPart };
  }

  readonly #takeOneOrEnd = (): IteratorResult<StreamPart> => (this.#index < this.#buffer.length ? this.#takeOne() : DONE);

  readonly #takeRest = (): StreamPart[] | undefined => (this.#index < this.#buffer.length ? this.#takeAll() : undefined);

  #takeAll(): StreamPart[] {
    const parts = this.#index === 0 ? this.#buffer : this.#buffer.slice(this.#index);
    this.#buffer = EMPTY;
    this.#index = 0;
    return parts;
  }

  /** Fills the buffer with the next read's parts; leaves it empty at the end; rejects with the stream's error, once. */
  #pull(): Promise<void> {
    if (this.#failed) {
      this.#failed = false;
      const error = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#ended) return RESOLVED;
    return this.#fill();
  }

  /** Reads until the next parts (a read may complete none: an SSE comment, half an event), the end, or an error. */
  #fill(): Promise<void> {
    this.idle?.reading();
    this.#out = [];
    return this.read(this.#out).then(this.#afterRead, this.#readFailed);
  }

  /** The parts being read, for the read callbacks (one read at a time). */
  #out: StreamPart[] = EMPTY;

  readonly #afterRead = (more: boolean): Promise<void> | undefined => {
    const out = this.#out;
    if (more && out.length === 0 && !this.#returned) return this.read(out).then(this.#afterRead, this.#readFailed);
    if (out.length > 0) this.idle?.received();
    if (!more) this.#ended = true;
    this.#keep(out);
    return undefined;
  };

  readonly #readFailed = (error: unknown): void => {
    this.#ended = true;
    // After return() the caller has stopped reading: the release's own abort is nobody's error.
    const out = this.#out;
    if (this.#returned) {
      this.#out = EMPTY;
      return;
    }
    if (out.length === 0) throw error;
    this.#failed = true;
    this.#error = error;
    this.#keep(out);
  };

  #keep(out: StreamPart[]): void {
    this.#out = EMPTY;
    if (this.#returned) return;
    this.#buffer = out;
    this.#index = 0;
  }
}
