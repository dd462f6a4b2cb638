import { AbortError } from '../errors/abort-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import type { RouteTarget } from '../router/route.ts';
import { resolveCapacity } from '../router/target-capacity.ts';
import type { Attempt } from '../types/attempt.ts';
import type { AttemptEndEvent, AttemptStartEvent } from '../types/attempt-event.ts';
import type { Cost } from '../types/cost.ts';
import type { ServedCapacity } from '../types/served-capacity.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import type { Usage } from '../types/usage.ts';
import { detectDrift } from '../versions/detect-drift.ts';
import type { Admission } from './admit-attempt.ts';
import type { CallState } from './call-state.ts';
import { errorClassOf, errorCodeOf, isTargetFailure } from './error-class.ts';

const ZERO: Cost = { usd: 0, nanoUsd: 0 };

/**
 * True when an attempt that failed without usage billed nothing: the provider answered with an error status
 * (HTTP 4xx or 5xx), or the adapter refused the request before sending it (an unsupported feature). A failure on the
 * way or mid-answer (timeout, cut connection, cut stream, an error inside a 200 stream) may have been billed.
 */
function billedNothing(error: Error): boolean {
  const status = (error as { status?: unknown }).status;
  return (typeof status === 'number' && status >= 400) || errorCodeOf(error) === 'unsupported_feature';
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * One attempt at one target, from `attempt-start` to `attempt-end`: its own signal (the call's, plus its
 * timeout), its entry in `attempts`, and everything that happens once it ends, exactly once: pricing,
 * settling the budget reservation, the circuit breaker, latency stats, the event and the ledger record.
 * An abort of the call or the timeout ends it at once (synchronously), whatever the provider does.
 */
export class AttemptRun {
  /** The signal to send with. */
  readonly signal: AbortSignal;
  /** When it started, on the call's clock. */
  readonly startedAt: number;
  /** The capacity that served (or answered) it, once it ended: the answer's, completed from the config. */
  capacity: ServedCapacity | undefined;
  readonly #target: RouteTarget;
  readonly #call: CallState;
  readonly #admission: Admission;
  /** Only when the attempt has its own timeout: else it sends with the call's signal, one controller fewer per call. */
  readonly #controller: AbortController | undefined;
  readonly #entry: Attempt;
  readonly #start: AttemptStartEvent;
  #timer: unknown;
  #ended = false;
  #failure: Error | undefined;
  #ttftMs: number | undefined;
  #onFailure: ((error: Error) => void) | undefined;
  readonly #onParentAbort = () => this.#interrupt(toError(this.#call.signal.reason));

  /**
   * `ownSignal` gives the attempt its own signal even without a timeout of its own, so that it can be ended alone
   * later (a stream's idle timeout).
   */
  constructor(target: RouteTarget, call: CallState, admission: Admission, timeoutMs: number | undefined, timeoutKind: 'attempt' | 'first-token', ownSignal = false) {
    this.#target = target;
    this.#call = call;
    this.#admission = admission;
    this.#controller = timeoutMs === undefined && !ownSignal ? undefined : new AbortController();
    this.signal = this.#controller ? this.#controller.signal : call.signal;
    const clock = call.deps.clock;
    this.startedAt = clock.now();
    this.#entry = { provider: target.providerId, model: target.model, outcome: 'aborted', latencyMs: 0 };
    call.attempts.push(this.#entry);
    this.#start = {
      alias: target.alias,
      provider: target.providerId,
      providerType: target.provider.type,
      model: target.model,
      operation: call.operation,
      attempt: ++call.counter.value,
      hedge: call.hedge,
      startedAt: this.startedAt,
    };
    call.deps.emit('attempt-start', this.#start);
    target.state.started();
    if (call.signal.aborted) queueMicrotask(this.#onParentAbort);
    else call.abort.watch(this.#onParentAbort);
    if (timeoutMs !== undefined) {
      this.#timer = clock.setTimeout(() => {
        const message = timeoutKind === 'first-token'
          ? `${target.label} sent no first token within ${timeoutMs} ms (timeouts.firstTokenMs).`
          : `${target.label} did not answer within ${timeoutMs} ms (timeouts.attemptMs).`;
        this.#interrupt(new TimeoutError(message, { timeoutMs, kind: timeoutKind, provider: target.providerId }));
      }, timeoutMs);
    }
  }

  /** True once the attempt has ended (success, failure, abort or timeout). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The error that ended the attempt from outside (abort, timeout), if one did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Called at once when an abort or the timeout ends the attempt; `undefined` stops the notice. */
  onFailure(callback: ((error: Error) => void) | undefined): void {
    this.#onFailure = callback;
  }

  /** Marks the first content part of a stream: stops the first-token timer and records the time to it. */
  markFirstToken(): void {
    if (this.#ended) return;
    this.#ttftMs = this.#call.deps.clock.now() - this.startedAt;
    this.#target.stats.recordTtft(this.#ttftMs);
    this.#clearTimer();
  }

  /**
   * Ends the attempt as a success; returns its cost (undefined without metering, null when unpriced). `capacity` is what
   * the answer said served it (`run.capacity` then holds it, completed from the config); `rateLimit` is the headroom
   * the provider reported (its `x-ratelimit-*` headers), which the shared state learns from.
   */
  succeed(usage: Usage, servedModel: string, requestId: string | undefined, capacity?: ServedCapacity, rateLimit?: RateLimitInfo): Cost | null | undefined {
    if (this.#ended) return undefined;
    const state = this.#target.state;
    // Only what can change the shared view costs anything: headers the provider sent, or a learned limit to raise.
    if (rateLimit !== undefined || state.limited) state.answered(rateLimit, this.#call.deps.clock.now());
    this.#target.breaker.recordSuccess(this.#admission.permit);
    this.#target.stats.recordOutcome(false);
    if (this.#call.operation !== 'stream') this.#target.stats.recordLatency(this.#call.deps.clock.now() - this.startedAt);
    return this.#end('success', undefined, usage, servedModel, requestId, capacity);
  }

  /**
   * Ends the attempt with the provider's error and returns the error to throw: when an abort or the timeout
   * already ended it, that typed error rather than the provider's reaction to it.
   */
  fail(error: unknown, usage?: Usage): Error {
    if (this.#ended) return this.#failure ?? toError(error);
    const typed = toError(error);
    this.#failure = typed;
    // A drifted response was answered, and billed: its usage comes with the error.
    const billed = usage ?? (typed as { usage?: Usage }).usage;
    const served = (typed as { served?: string }).served;
    this.#end(AbortError.isInstance(typed) ? 'aborted' : 'error', typed, billed, served);
    return typed;
  }

  /**
   * Ends the attempt as aborted (a hedge that lost, a stream the caller stopped reading) and aborts the request
   * when the attempt has its own signal (a stream's caller also ends the provider's stream with `return()`).
   */
  cancel(reason: string): void {
    this.#interrupt(new AbortError(reason, { provider: this.#target.providerId }));
  }

  /**
   * Ends the attempt from outside with `error` (a stream's idle timeout), as an abort or the attempt's timeout
   * would: at once, aborting the request when the attempt has its own signal, and telling the `onFailure` callback.
   */
  interrupt(error: Error): void {
    this.#interrupt(error);
  }

  #interrupt(error: Error): void {
    if (this.#ended) return;
    this.#failure = error;
    this.#end(AbortError.isInstance(error) ? 'aborted' : 'error', error);
    this.#controller?.abort(error);
    const callback = this.#onFailure;
    this.#onFailure = undefined;
    callback?.(error);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) {
      this.#call.deps.clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #end(outcome: 'success' | 'error' | 'aborted', error: Error | undefined, usage?: Usage, servedModel?: string, requestId?: string, reported?: ServedCapacity): Cost | null | undefined {
    this.#ended = true;
    this.#clearTimer();
    this.#call.abort.unwatch(this.#onParentAbort);
    const deps = this.#call.deps;
    const latencyMs = deps.clock.now() - this.startedAt;
    const entry = this.#entry;
    entry.outcome = outcome;
    entry.latencyMs = latencyMs;
    if (error) {
      entry.errorCode = errorCodeOf(error) ?? 'unknown';
      entry.reason = error.message;
      const permit = this.#admission.permit;
      // What the provider said about its capacity (a 429's retry-after, a concurrency refusal) reaches the shared state.
      if (RateLimitError.isInstance(error)) this.#target.state.rateLimited(error, this.startedAt, latencyMs + this.startedAt);
      if (errorClassOf(error) === 'quota') {
        // Credits or quota used up: the target cannot serve until someone pays, so its circuit opens at once, for longer.
        this.#target.breaker.recordQuotaExhausted(permit);
        this.#target.stats.recordOutcome(true);
      } else if (isTargetFailure(error)) {
        this.#target.breaker.recordFailure(permit);
        this.#target.stats.recordOutcome(true);
      } else this.#target.breaker.recordNeutral(permit);
    }
    // A failure's capacity only when its answer named one (a failed spillover), or when it was answered and billed (a
    // drifted response): an error says nothing about where the request would have been served.
    const named = error ? (error as { capacity?: ServedCapacity }).capacity : reported;
    const capacity = !error || usage ? resolveCapacity(this.#target.capacity, this.#call.request, named) : named;
    this.capacity = capacity;
    // An answer with an error status used no tokens; an abort or a cut may have: its estimate stands.
    this.#admission.held?.release(usage ? usage.totalTokens : error !== undefined && billedNothing(error) ? 0 : undefined, this.startedAt + latencyMs);
    this.#target.state.ended();

    const meter = deps.meter;
    let cost: Cost | null | undefined;
    if (meter) {
      if (usage) {
        try {
          cost = meter.price(this.#admission.meterTarget, usage, this.startedAt, servedModel, capacity);
        } catch {
          cost = null;
        }
      } else {
        // Without usage: 0 when nothing was billed for sure, else unknown (an abort, a timeout, a cut connection or
        // stream may have been billed), never a made-up 0.
        cost = error !== undefined && billedNothing(error) ? ZERO : null;
      }
      this.#admission.reservation?.settle(cost);
    }

    const event: AttemptEndEvent = { ...this.#start, outcome, latencyMs };
    if (error) {
      event.errorCode = entry.errorCode;
      event.errorMessage = error.message;
    }
    if (servedModel !== undefined) {
      event.servedModel = servedModel;
      const pin = this.#target.pin;
      if (pin !== undefined && detectDrift(pin, servedModel)) event.drift = pin;
    }
    const apiVersion = this.#target.provider.apiVersion;
    if (apiVersion !== undefined) event.apiVersion = apiVersion;
    if (requestId !== undefined) event.requestId = requestId;
    if (this.#ttftMs !== undefined) event.ttftMs = this.#ttftMs;
    if (usage) event.usage = usage;
    const tags = this.#call.request.tags;
    if (tags !== undefined) event.tags = tags;
    if (cost !== undefined) event.cost = cost;
    if (capacity !== undefined) event.capacity = capacity;
    deps.emit('attempt-end', event);
    if (meter) {
      try {
        meter.record(event);
      } catch {
        // The ledger must never fail a call.
      }
    }
    return cost;
  }
}
