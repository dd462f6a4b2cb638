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
    if (this.#pending === 0 && this.#index < this.#buffer.length) return Promise.resolve(this.#takeOne());
    return this.#enqueue(this.#nextNow);
  }

  [READ_PARTS](): Promise<StreamPart[] | undefined> {
    if (this.#pending === 0 && this.#index < this.#buffer.length) return Promise.resolve(this.#takeAll());
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

  async #fill(): Promise<void> {
    const out: StreamPart[] = [];
    try {
      let more = true;
      this.idle?.reading();
      while (more && out.length === 0 && !this.#returned) more = await this.read(out);
      if (out.length > 0) this.idle?.received();
      if (!more) this.#ended = true;
    } catch (error) {
      this.#ended = true;
      // After return() the caller has stopped reading: the release's own abort is nobody's error.
      if (this.#returned) return;
      if (out.length === 0) throw error;
      this.#failed = true;
      this.#error = error;
    }
    if (!this.#returned) {
      this.#buffer = out;
      this.#index = 0;
    }
  }
}
