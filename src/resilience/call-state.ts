import { AbortError } from '../errors/abort-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import type { EmitEvent } from '../router/switchyard-events.ts';
import type { Route } from '../router/route.ts';
import type { Attempt } from '../types/attempt.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { Meter } from '../types/meter.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Clock } from './clock.ts';
import { CallAbort } from './call-abort.ts';
import type { InflightCalls } from './inflight-calls.ts';

/** What the resilience layers share across calls: time, randomness, events, metering, shared state. */
export interface RouterDeps {
  clock: Clock;
  /** A random number in [0, 1), for jitter and weights. @default Math.random */
  random: () => number;
  emit: EmitEvent;
  /** Prices, budgets and the ledger; absent when metering is off. */
  meter?: Meter;
  /** Counts the calls in flight, for `close()`; absent when nothing waits for them. */
  inflight?: InflightCalls;
  /** What instances share (circuit breakers, limits, budgets, latency): this process's memory, or Redis. */
  state: StateStore;
}

/** The state of one routed call, shared by its attempts, retries, failovers and hedges. */
export interface CallState {
  readonly route: Route;
  readonly operation: 'chat' | 'stream' | 'embed';
  /** The caller's request (its `model` is the alias). */
  readonly request: ChatRequest | EmbedRequest;
  /**
   * Fires on the caller's abort (reason `AbortError`), at the total deadline (`TimeoutError`, kind `total`),
   * and for a hedge branch when it lost (`AbortError`).
   */
  readonly signal: AbortSignal;
  /** The abort behind `signal`: attempts watch it (`watch`/`unwatch`) instead of listening on the signal. */
  readonly abort: CallAbort;
  /** When the total deadline passes, on `deps.clock`. */
  readonly deadlineAt: number;
  /** Every attempt of the call in the order they started; skipped targets included. */
  readonly attempts: Attempt[];
  /** True in a branch started as a hedge. */
  readonly hedge: boolean;
  /** The number of the last attempt started, shared by all branches. */
  readonly counter: { value: number };
  readonly deps: RouterDeps;
}

/**
 * The state of a call as a class, not an object literal: V8 pretenures a literal's allocation site once its objects
 * survived the early scavenges, and a call state born old would keep its call's attempts and stream alive (through
 * its abort's hooks) until the next full collection. A class instance is always born young (`bench/PROFILE-NOTES.md`).
 */
class RoutedCall implements CallState {
  readonly route: Route;
  readonly operation: CallState['operation'];
  readonly request: ChatRequest | EmbedRequest;
  readonly signal: AbortSignal;
  readonly abort: CallAbort;
  readonly deadlineAt: number;
  readonly attempts: Attempt[] = [];
  readonly hedge: boolean = false;
  readonly counter = new AttemptCounter();
  readonly deps: RouterDeps;

  constructor(route: Route, operation: CallState['operation'], request: ChatRequest | EmbedRequest, abort: CallAbort, deadlineAt: number, deps: RouterDeps) {
    this.route = route;
    this.operation = operation;
    this.request = request;
    this.signal = abort.signal;
    this.abort = abort;
    this.deadlineAt = deadlineAt;
    this.deps = deps;
  }
}

/** The number of the last attempt started, shared by a call's branches. */
class AttemptCounter {
  value = 0;
}

/** A call's state and the function that releases its timer and listener. */
export interface CallScope {
  call: CallState;
  /** Aborts the call (its `signal`) with a reason of your own: a stream's caller that stopped reading while it opened. */
  controller: CallAbort;
  /** Clears the total deadline, stops listening to the caller's signal and ends the call in `inflight`. Idempotent. */
  dispose(): void;
}

/**
 * Starts a call: one deadline for all of it (`min(request.timeoutMs, route.timeouts.totalMs)`), joined with
 * the caller's signal into one signal whose reason is typed (`AbortError` or `TimeoutError`).
 */
export function createCallScope(route: Route, operation: CallState['operation'], request: ChatRequest | EmbedRequest, deps: RouterDeps): CallScope {
  // First, so that a call after close() fails before it sets anything up.
  deps.inflight?.start();
  const totalMs = request.timeoutMs === undefined ? route.timeouts.totalMs : Math.min(request.timeoutMs, route.timeouts.totalMs);
  const controller = new CallAbort();
  const callerSignal = request.signal;
  const onAbort = callerSignal === undefined ? undefined : () => controller.abort(new AbortError(undefined, { cause: callerSignal.reason }));
  const timer = deps.clock.setTimeout(() => {
    controller.abort(new TimeoutError(`The call to ${route.alias} did not finish within ${totalMs} ms (timeouts.totalMs or the request's timeoutMs).`, { timeoutMs: totalMs, kind: 'total' }));
  }, totalMs);
  if (callerSignal !== undefined && onAbort !== undefined) {
    if (callerSignal.aborted) onAbort();
    else callerSignal.addEventListener('abort', onAbort, { once: true });
  }
  let disposed = false;
  const call = new RoutedCall(route, operation, request, controller, deps.clock.now() + totalMs, deps);
  return {
    call,
    controller,
    dispose() {
      if (disposed) return;
      disposed = true;
      deps.clock.clearTimeout(timer);
      if (onAbort !== undefined) callerSignal?.removeEventListener('abort', onAbort);
      deps.inflight?.end();
    },
  };
}
