import { AbortError } from '../errors/abort-error.ts';
import { ConnectionError } from '../errors/connection-error.ts';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.ts';
import { READ_PARTS, readParts, type PartBatchSource } from '../http/read-parts.ts';
import type { RouteTarget } from '../router/route.ts';
import type { ServedTarget } from '../types/served-target.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { AttemptRun } from './attempt-run.ts';
import type { CallState } from './call-state.ts';
import { IdleTimer } from '../http/idle-timer.ts';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const EMPTY: StreamPart[] = [];

function isContent(part: StreamPart): boolean {
  return part.type === 'tool-call' || part.type === 'finish' || ((part.type === 'text-delta' || part.type === 'reasoning-delta') && part.text.length > 0);
}

/**
 * A stream attempt that has been opened: its parts up to the first content part (or `finish`) are read and
 * held, so everything before that point could still fail over. Iterating it delivers the parts from the provider's
 * batch reads (`READ_PARTS`: all the parts of one network read at a time), each handed out synchronously: a part
 * costs a resolved promise, and a network read one `then`. A failure after the first content part throws
 * `StreamInterruptedError` (or the caller's `AbortError`), never a silent end, and the `finish` part gets
 * `provider`, `attempts` and `cost`; so does a provider that sends no part for `timeouts.idleMs` while a read waits
 * on it (cause: `TimeoutError` kind `idle`). It has the batch read itself, for the layers above it.
 */
export class StreamAttempt implements AsyncIterator<StreamPart>, PartBatchSource {
  readonly #run: AttemptRun;
  readonly #inner: AsyncIterator<StreamPart>;
  readonly #read: () => Promise<StreamPart[] | undefined>;
  readonly #target: RouteTarget;
  readonly #call: CallState;
  /** The parts read and not yet handed out. */
  #held: StreamPart[] = EMPTY;
  #next = 0;
  #done = false;
  /** An error met while handing out a batch, thrown at the next read (the parts before it go first). */
  #pending: Error | undefined;
  #parts = 0;
  #characters = 0;
  #onOver: (() => void) | undefined;
  /** Watches for a provider that goes silent after the first content part (`timeouts.idleMs`). */
  readonly #idle: IdleTimer | undefined;

  constructor(run: AttemptRun, inner: AsyncIterator<StreamPart>, target: RouteTarget, call: CallState, idleMs?: number) {
    this.#run = run;
    this.#inner = inner;
    this.#read = readParts(inner);
    this.#target = target;
    this.#call = call;
    if (idleMs !== undefined) {
      const setting = (call.request as { idleTimeoutMs?: number }).idleTimeoutMs !== undefined ? "the request's idleTimeoutMs" : 'timeouts.idleMs';
      this.#idle = new IdleTimer({ ms: idleMs, onIdle: this.#onIdle, label: target.label, setting, provider: target.providerId, clock: call.deps.clock });
    }
  }

  /**
   * Calls `callback` when the stream is over, however it ended: read to its end, failed, returned, cancelled, or
   * aborted or timed out while nobody was reading (at once when that already happened). The router releases the
   * call's deadline and its place among the calls in flight; it may be called more than once.
   */
  whenOver(callback: () => void): void {
    this.#onOver = callback;
    if (this.#done || this.#run.ended) callback();
  }

  /** The target serving this attempt (a new object on each read: it is read once per stream, not per part). */
  get served(): ServedTarget {
    return { provider: this.#target.providerId, model: this.#target.model };
  }

  /** Reads until the first content part; rejects with the typed error when the attempt fails before it. */
  open(): Promise<void> {
    const run = this.#run;
    return new Promise<void>((resolve, reject) => {
      run.onFailure(reject);
      const onBatch = (batch: StreamPart[] | undefined) => {
        if (run.ended) return;
        if (batch === undefined) {
          reject(run.fail(new ConnectionError(`${this.#target.label} ended the stream without a finish part.`, { provider: this.#target.providerId })));
          return;
        }
        this.#held = this.#held.length === 0 ? batch : this.#held.concat(batch);
        let content = false;
        for (let i = 0; i < batch.length; i++) {
          if (isContent(batch[i] as StreamPart)) {
            content = true;
            break;
          }
        }
        if (!content) {
          read();
          return;
        }
        // From here on, an abort or a timeout ends the stream even when nobody reads it.
        run.onFailure(this.#interrupted);
        run.markFirstToken();
        this.#idle?.received();
        resolve();
      };
      const onError = (error: unknown) => reject(run.fail(error));
      const read = () => {
        this.#read().then(onBatch, onError);
      };
      read();
    });
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.#done) return this.#pending ? Promise.reject(this.#takePending()) : Promise.resolve(DONE);
    if (this.#run.ended) return Promise.reject(this.#close(this.#run.failure));
    if (this.#next < this.#held.length) {
      const part = this.#held[this.#next++] as StreamPart;
      try {
        return Promise.resolve(this.#deliver(part));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#pull().then(this.#onBatch, this.#onError);
  }

  /** The rest of the current batch, or the next one, with every part delivered (undefined at the end). */
  [READ_PARTS](): Promise<StreamPart[] | undefined> {
    if (this.#done) return this.#pending ? Promise.reject(this.#takePending()) : Promise.resolve(undefined);
    if (this.#run.ended) return Promise.reject(this.#close(this.#run.failure));
    if (this.#next < this.#held.length) return Promise.resolve(this.#deliverRest());
    return this.#pull().then(this.#onBatchAll, this.#onErrorAll);
  }

  return(): Promise<IteratorResult<StreamPart>> {
    if (!this.#done) {
      this.#run.cancel('The caller stopped reading the stream.');
      this.#close(undefined);
    }
    return Promise.resolve(DONE);
  }

  /** Ends an opened stream that will never be read (a hedge that lost after it had started answering). */
  cancel(reason: string): void {
    if (this.#done) return;
    this.#run.cancel(reason);
    this.#close(undefined);
  }

  readonly #interrupted = (): void => {
    this.#idle?.stop();
    this.#onOver?.();
  };

  /** The provider sent no part for `timeouts.idleMs`: the attempt ends, and the read waiting on it fails with that. */
  readonly #onIdle = (error: Error): void => this.#run.interrupt(error);

  /** One batch read from the provider, timed by the idle watch: a timestamp, no timer of its own. */
  #pull(): Promise<StreamPart[] | undefined> {
    this.#idle?.reading();
    return this.#read();
  }

  /** Checks a batch read while the stream was not looking: the end, an outside failure, a stream without finish. */
  #accept(batch: StreamPart[] | undefined): boolean {
    // A read made before the stream ended (reads may overlap) gets the end, never a second finish or an error.
    if (this.#done) return false;
    if (this.#run.ended) throw this.#close(this.#run.failure);
    // Reads may overlap: a read that ends while parts of an earlier one are still held takes those first.
    const rest = this.#next < this.#held.length;
    if (batch === undefined) {
      if (rest) return true;
      throw this.#close(this.#run.fail(new ConnectionError(`${this.#target.label} ended the stream without a finish part.`, { provider: this.#target.providerId })));
    }
    this.#held = rest ? this.#held.slice(this.#next).concat(batch) : batch;
    this.#next = 0;
    return true;
  }

  readonly #onBatch = (batch: StreamPart[] | undefined): IteratorResult<StreamPart> => {
    this.#idle?.received();
    if (!this.#accept(batch)) return DONE;
    return this.#deliver(this.#held[this.#next++] as StreamPart);
  };

  readonly #onBatchAll = (batch: StreamPart[] | undefined): StreamPart[] | undefined => {
    this.#idle?.received();
    return this.#accept(batch) ? this.#deliverRest() : undefined;
  };

  readonly #onError = (error: unknown): IteratorResult<StreamPart> => {
    if (this.#done) return DONE;
    throw this.#close(this.#run.fail(error));
  };

  readonly #onErrorAll = (error: unknown): undefined => {
    if (this.#done) return undefined;
    throw this.#close(this.#run.fail(error));
  };

  /** Delivers every held part; an error on one (a drift on `finish`) is thrown at the next read, after those before it. */
  #deliverRest(): StreamPart[] {
    const held = this.#held;
    const from = this.#next;
    this.#held = EMPTY;
    this.#next = 0;
    const out = from === 0 ? held : held.slice(from);
    for (let i = 0; i < out.length; i++) {
      try {
        this.#deliver(out[i] as StreamPart);
      } catch (error) {
        if (i === 0) throw error;
        this.#pending = error as Error;
        return out.slice(0, i);
      }
      if (this.#done) return i === out.length - 1 ? out : out.slice(0, i + 1);
    }
    return out;
  }

  #takePending(): Error {
    const error = this.#pending as Error;
    this.#pending = undefined;
    return error;
  }

  #deliver(part: StreamPart): IteratorYieldResult<StreamPart> {
    this.#parts++;
    if (part.type === 'text-delta' || part.type === 'reasoning-delta') this.#characters += part.text.length;
    else if (part.type === 'finish') {
      const pinning = this.#target.streamPinning;
      if (pinning) {
        try {
          pinning.checkFinish(part, this.#target.model);
        } catch (error) {
          // A drift under `error`/`failover` replaces the finish part: the stream ends with the error instead.
          throw this.#close(this.#run.fail(error));
        }
      }
      const cost = this.#run.succeed(part.usage, part.model, part.requestId, part.capacity, part.rateLimit);
      part.provider = this.#target.providerId;
      part.attempts = this.#call.attempts;
      if (cost !== undefined) part.cost = cost;
      if (this.#run.capacity !== undefined) part.capacity = this.#run.capacity;
      this.#close(undefined);
    }
    return { done: false, value: part };
  }

  /** Marks the stream over, releases the provider's stream, and turns a failure into the error to throw. */
  #close(failure: Error | undefined): Error {
    const wasDone = this.#done;
    this.#done = true;
    if (!wasDone) {
      this.#idle?.stop();
      this.#inner.return?.()?.catch(() => undefined);
      this.#onOver?.();
    }
    if (failure === undefined || AbortError.isInstance(failure)) return failure as Error;
    const cause = StreamInterruptedError.isInstance(failure) && failure.cause !== undefined ? failure.cause : failure;
    const message = cause instanceof Error ? cause.message : String(cause);
    return new StreamInterruptedError(
      `The stream from ${this.#target.label} failed after ${this.#parts} parts (${this.#characters} characters) were delivered: ${message}`,
      { partsDelivered: this.#parts, charactersDelivered: this.#characters, provider: this.#target.providerId, cause },
    );
  }
}
