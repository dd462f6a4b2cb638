import { AbortError } from '../errors/abort-error.ts';
import { ConnectionError } from '../errors/connection-error.ts';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.ts';
import type { RouteTarget } from '../router/route.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { AttemptRun } from './attempt-run.ts';
import type { CallState } from './call-state.ts';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

function isContent(part: StreamPart): boolean {
  return part.type === 'tool-call' || part.type === 'finish' || (part.type === 'text-delta' && part.text.length > 0);
}

/**
 * A stream attempt that has been opened: its parts up to the first content part (or `finish`) are read and
 * held, so everything before that point could still fail over. Iterating it delivers those parts and then
 * the rest straight from the provider, with one `then` per part and no other allocation. A failure after
 * that point throws `StreamInterruptedError` (or the caller's `AbortError`), never a silent end, and the
 * `finish` part gets `provider`, `attempts` and `cost`.
 */
export class StreamAttempt implements AsyncIterator<StreamPart> {
  readonly #run: AttemptRun;
  readonly #inner: AsyncIterator<StreamPart>;
  readonly #target: RouteTarget;
  readonly #call: CallState;
  readonly #held: StreamPart[] = [];
  #next = 0;
  #done = false;
  #parts = 0;
  #characters = 0;
  #onOver: (() => void) | undefined;

  constructor(run: AttemptRun, inner: AsyncIterator<StreamPart>, target: RouteTarget, call: CallState) {
    this.#run = run;
    this.#inner = inner;
    this.#target = target;
    this.#call = call;
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

  /** Reads until the first content part; rejects with the typed error when the attempt fails before it. */
  open(): Promise<void> {
    const run = this.#run;
    return new Promise<void>((resolve, reject) => {
      run.onFailure(reject);
      const onPart = (result: IteratorResult<StreamPart>) => {
        if (run.ended) return;
        if (result.done) {
          reject(run.fail(new ConnectionError(`${this.#target.label} ended the stream without a finish part.`, { provider: this.#target.providerId })));
          return;
        }
        this.#held.push(result.value);
        if (!isContent(result.value)) {
          read();
          return;
        }
        // From here on, an abort or a timeout ends the stream even when nobody reads it.
        run.onFailure(this.#interrupted);
        run.markFirstToken();
        resolve();
      };
      const onError = (error: unknown) => reject(run.fail(error));
      const read = () => {
        this.#inner.next().then(onPart, onError);
      };
      read();
    });
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.#done) return Promise.resolve(DONE);
    if (this.#run.ended) return Promise.reject(this.#close(this.#run.failure));
    if (this.#next < this.#held.length) {
      const part = this.#held[this.#next++] as StreamPart;
      try {
        return Promise.resolve(this.#deliver({ done: false, value: part }));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#inner.next().then(this.#onResult, this.#onError);
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

  readonly #interrupted = (): void => this.#onOver?.();

  readonly #onResult = (result: IteratorResult<StreamPart>): IteratorResult<StreamPart> => {
    // A read made before the stream ended (reads may overlap) gets the end, never a second finish or an error.
    if (this.#done) return DONE;
    if (this.#run.ended) throw this.#close(this.#run.failure);
    if (result.done) {
      throw this.#close(this.#run.fail(new ConnectionError(`${this.#target.label} ended the stream without a finish part.`, { provider: this.#target.providerId })));
    }
    return this.#deliver(result);
  };

  readonly #onError = (error: unknown): IteratorResult<StreamPart> => {
    if (this.#done) return DONE;
    throw this.#close(this.#run.fail(error));
  };

  #deliver(result: IteratorYieldResult<StreamPart>): IteratorResult<StreamPart> {
    const part = result.value;
    this.#parts++;
    if (part.type === 'text-delta') this.#characters += part.text.length;
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
      const cost = this.#run.succeed(part.usage, part.model, part.requestId, part.rateLimit);
      part.provider = this.#target.providerId;
      part.attempts = this.#call.attempts;
      if (cost !== undefined) part.cost = cost;
      this.#close(undefined);
    }
    return result;
  }

  /** Marks the stream over, releases the provider's stream, and turns a failure into the error to throw. */
  #close(failure: Error | undefined): Error {
    const wasDone = this.#done;
    this.#done = true;
    if (!wasDone) {
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
