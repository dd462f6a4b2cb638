import { AbortError } from '../errors/abort-error.ts';
import { AllAttemptsFailedError } from '../errors/all-attempts-failed-error.ts';
import { CallAbort } from './call-abort.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import type { RouteTarget } from '../router/route.ts';
import type { LimitBlock } from '../state/limit-block.ts';
import { limitsReachedError, waitForCapacity } from './limits-reached.ts';
import { recordLimitSkip, recordSkip } from './record-skip.ts';
import type { CallState } from './call-state.ts';
import { errorClassOf, errorCodeOf } from './error-class.ts';
import { SkipTargetError } from './skip-target-error.ts';
import type { TargetOp } from './target-op.ts';

/** At most this many targets run at once when hedging. */
const MAX_IN_FLIGHT = 2;
const HEDGE = Symbol('hedge');

interface Branch<T> {
  target: RouteTarget;
  promise: Promise<Settled<T>>;
  controller: CallAbort;
  unlink: () => void;
}

type Settled<T> = { branch: Branch<T>; ok: true; value: T } | { branch: Branch<T>; ok: false; error: unknown };

/** A served version that drifted from the pin under `versions.onDrift: failover`: always a reason to move on. */
function isDriftFailover(error: unknown): boolean {
  return errorClassOf(error) === 'drift' && (error as { action?: unknown }).action === 'failover';
}

/** The walk through one call's candidates: which target is next, and what each failure means. */
class Failover<T> {
  readonly call: CallState;
  readonly #candidates: readonly RouteTarget[];
  // Made on the first failure: a call served by its first target allocates neither.
  #errors: unknown[] | undefined;
  #budgetErrors: Error[] | undefined;
  /**
   * The limits that stopped targets, when any did: every target at a limit makes a local `RateLimitError`. A provider's
   * refusal of kind `concurrency` counts as one too (it said "fewer in flight", and the learned limit now holds it).
   */
  limits: LimitBlock[] | undefined;
  /** How many of the errors were refusals of kind `concurrency`: a busy target, not a failed one. */
  #refusals = 0;
  #next = 0;
  #windowFloor: number | undefined;
  /** The prompt (plus output asked for) in tokens, as a target that refused it as too long counted it. */
  #needed: number | undefined;

  constructor(call: CallState, candidates: readonly RouteTarget[]) {
    this.call = call;
    this.#candidates = candidates;
  }

  get hasMore(): boolean {
    return this.#next < this.#candidates.length;
  }

  /**
   * True when every error was a provider's refusal of kind `concurrency` and the rest were limits: every target is
   * busy, so with `limits.queueMs` the call waits for a slot like a call whose every target is at a limit.
   */
  get onlyBusy(): boolean {
    return this.#refusals > 0 && this.#refusals === (this.#errors?.length ?? 0);
  }

  /** The next candidate, skipping those a context-length failure ruled out. */
  take(): RouteTarget | undefined {
    while (this.#next < this.#candidates.length) {
      const target = this.#candidates[this.#next++] as RouteTarget;
      // An open circuit is skipped here, synchronously, rather than through a rejected attempt.
      const open = target.breaker.skipReason();
      if (open !== undefined) {
        recordSkip(this.call, target, open);
        continue;
      }
      // So is a target whose provider said it is exhausted (its own headers or 429, here or on another instance).
      const exhausted = target.state.blockedNow();
      if (exhausted !== undefined) {
        recordLimitSkip(this.call, target, exhausted);
        (this.limits ??= []).push(exhausted);
        continue;
      }
      const window = target.capabilities.contextWindow;
      const floor = this.#windowFloor;
      if (floor !== undefined && window !== undefined && window <= floor) {
        recordSkip(this.call, target, `context window of ${window} tokens is not larger than the ${floor} tokens of a target that refused the prompt as too long`);
        continue;
      }
      const needed = this.#needed;
      if (needed !== undefined && window !== undefined && window < needed) {
        recordSkip(this.call, target, `context window of ${window} tokens is smaller than the ${needed} tokens a target counted for the request when it refused it as too long`);
        continue;
      }
      return target;
    }
    return undefined;
  }

  /**
   * Decides on a target's failure: returns true when it was an error to fail over on, false for a skip, and
   * throws what ends the call (the caller's abort, the deadline, an error that does not cascade).
   */
  onFailure(error: unknown, target: RouteTarget): boolean {
    const call = this.call;
    if (call.signal.aborted) throw call.signal.reason;
    if (error instanceof SkipTargetError) {
      if (error.budgetError) (this.#budgetErrors ??= []).push(error.budgetError);
      if (error.limit) (this.limits ??= []).push(error.limit);
      return false;
    }
    (this.#errors ??= []).push(error);
    if (RateLimitError.isInstance(error) && error.kind === 'concurrency' && !error.local) {
      this.#refusals++;
      (this.limits ??= []).push(refusalBlock(target, error));
    }
    const cls = errorClassOf(error);
    if (cls === 'context-length') {
      // The window that refused: the configured one, else the one the provider reported (llama.cpp `n_ctx`, vLLM's message).
      const reported = error as { contextWindow?: unknown; promptTokens?: unknown; maxTokens?: unknown };
      const window = target.capabilities.contextWindow ?? (typeof reported.contextWindow === 'number' ? reported.contextWindow : undefined);
      if (window !== undefined) this.#windowFloor = Math.max(this.#windowFloor ?? 0, window);
      if (typeof reported.promptTokens === 'number') {
        const needed = reported.promptTokens + (typeof reported.maxTokens === 'number' ? reported.maxTokens : 0);
        this.#needed = Math.max(this.#needed ?? 0, needed);
      }
    } else if (cls !== 'unsupported-feature' && !isDriftFailover(error) && (cls === undefined || !call.route.fallbackOn.has(cls))) {
      throw error;
    }
    return true;
  }

  /** Announces the move from a failed target to the next. */
  failover(from: RouteTarget, to: RouteTarget, error: unknown): void {
    const call = this.call;
    call.deps.emit('failover', {
      alias: call.route.alias,
      operation: call.operation,
      from: { provider: from.providerId, model: from.model },
      to: { provider: to.providerId, model: to.model },
      errorCode: errorCodeOf(error),
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  /**
   * The error when every target failed or was skipped: a local `RateLimitError` when limits were the reason (with
   * budgets, if some), the `BudgetExceededError` when budgets alone were, else `AllAttemptsFailedError`.
   */
  exhausted(): Error {
    const call = this.call;
    const errors = this.#errors ?? [];
    if (errors.length === 0 && this.limits !== undefined) return limitsReachedError(call, this.limits);
    if (errors.length === 0 && this.#budgetErrors !== undefined) return this.#budgetErrors[0] as Error;
    const lines = call.attempts.map((a) => `${a.provider}/${a.model}: ${a.outcome}${a.errorCode ? ` ${a.errorCode}` : ''}${a.reason ? ` (${a.reason})` : ''}`);
    const summary = lines.length > 0 ? `\n  - ${lines.join('\n  - ')}` : ' it has no targets.';
    return new AllAttemptsFailedError(`No target of ${call.route.alias} could serve the ${call.operation} call:${summary}`, {
      attempts: call.attempts,
      errors,
      cause: errors[errors.length - 1],
    });
  }
}

/** A provider's refusal of kind `concurrency` as a limit: its slots free when calls in flight end (or at its retry-after). */
function refusalBlock(target: RouteTarget, error: RateLimitError): LimitBlock {
  const block: LimitBlock = {
    limit: 'learnedConcurrency',
    scope: 'target',
    path: 'learned from refusals (RateLimitError kind concurrency)',
    message: `${target.label} refused the request: too many requests in flight (${error.message})`,
  };
  if (error.retryAfterMs !== undefined) block.retryAfterMs = error.retryAfterMs;
  return block;
}

/** One target at a time: the common case, with no allocation beyond the attempt itself. */
async function runSequential<T>(run: Failover<T>, op: TargetOp<T>): Promise<T> {
  let target = run.take();
  while (target) {
    let error: unknown;
    try {
      return await op(target, run.call);
    } catch (e) {
      error = e;
    }
    const failed = run.onFailure(error, target);
    const next = run.take();
    if (next && failed) run.failover(target, next, error);
    target = next;
  }
  throw run.exhausted();
}

function raceHedgeTimer<T>(pending: Branch<T>[], delayMs: number, call: CallState): Promise<Settled<T> | typeof HEDGE> {
  if (delayMs <= 0) return Promise.resolve(HEDGE);
  const clock = call.deps.clock;
  let timer: unknown;
  const fired = new Promise<typeof HEDGE>((resolve) => {
    timer = clock.setTimeout(() => resolve(HEDGE), delayMs);
  });
  return Promise.race([...pending.map((b) => b.promise), fired]).finally(() => clock.clearTimeout(timer));
}

/** Up to two targets at once: the next starts when the running one has not answered within `afterMs`. */
async function runHedged<T>(run: Failover<T>, op: TargetOp<T>, afterMs: number, discard: ((value: T) => void) | undefined): Promise<T> {
  const call = run.call;
  const clock = call.deps.clock;
  const pending: Branch<T>[] = [];
  let launchedAt = 0;

  const launch = (target: RouteTarget, asHedge: boolean): void => {
    // Each branch gets its own signal, so that a loser can be aborted alone.
    const controller = new CallAbort();
    const onAbort = () => controller.abort(call.signal.reason);
    // A call already aborted runs no more hooks: a branch started after the abort must start aborted.
    if (call.signal.aborted) onAbort();
    else call.abort.watch(onAbort);
    const branch = { target, controller, unlink: () => call.abort.unwatch(onAbort) } as Branch<T>;
    branch.promise = op(target, { ...call, signal: controller.signal, abort: controller, hedge: asHedge }).then(
      (value): Settled<T> => ({ branch, ok: true, value }),
      (error: unknown): Settled<T> => ({ branch, ok: false, error }),
    );
    pending.push(branch);
    launchedAt = clock.now();
  };

  const stopOthers = (why: () => Error): void => {
    if (pending.length === 0) return;
    const reason = why();
    for (const branch of pending) {
      branch.controller.abort(reason);
      branch.unlink();
      if (discard) void branch.promise.then((settled) => settled.ok && discard(settled.value));
    }
    pending.length = 0;
  };

  const first = run.take();
  if (!first) throw run.exhausted();
  launch(first, false);
  for (;;) {
    const settled =
      pending.length < MAX_IN_FLIGHT && run.hasMore
        ? await raceHedgeTimer(pending, afterMs - (clock.now() - launchedAt), call)
        : pending.length === 1
          ? await (pending[0] as Branch<T>).promise
          : await Promise.race(pending.map((b) => b.promise));

    if (settled === HEDGE) {
      // The running target may not have noticed the caller's abort yet (it waits for its budget): start nothing.
      if (call.signal.aborted) {
        stopOthers(() => call.signal.reason as Error);
        throw call.signal.reason;
      }
      const primary = pending[pending.length - 1] as Branch<T>;
      const target = run.take();
      if (target) {
        call.deps.emit('hedge', { alias: call.route.alias, operation: call.operation, afterMs, primary: { provider: primary.target.providerId, model: primary.target.model }, hedge: { provider: target.providerId, model: target.model } });
        launch(target, true);
      }
      continue;
    }

    const branch = settled.branch;
    pending.splice(pending.indexOf(branch), 1);
    branch.unlink();
    if (settled.ok) {
      stopOthers(() => new AbortError(`Lost the hedge to ${branch.target.label}.`));
      return settled.value;
    }
    let failed: boolean;
    try {
      failed = run.onFailure(settled.error, branch.target);
    } catch (error) {
      stopOthers(() => (call.signal.aborted ? (call.signal.reason as Error) : new AbortError('Another target failed with an error that does not fail over.')));
      throw error;
    }
    if (pending.length > 0) continue;
    const target = run.take();
    if (!target) throw run.exhausted();
    if (failed) run.failover(branch.target, target, settled.error);
    launch(target, false);
  }
}

/**
 * Serves a call from `candidates` in order (the strategy's order, already filtered):
 * - an error of a `fallbackOn` class moves on to the next target (a `failover` event);
 * - a context-length error moves on only to targets with a larger window than the one that refused (configured in
 *   `capabilities.contextWindow`, else reported in the error) and, when the provider counted the prompt, one at
 *   least that large (targets of unknown window are tried); an unsupported feature (refused before anything was
 *   sent, or answered 501 by the provider) and a version drift under `onDrift: failover` move on;
 * - any other error (invalid request, authentication, content filter) is thrown at once: it would fail anywhere;
 * - the caller's abort and the total deadline stop everything at once, in-flight attempts included;
 * - with `hedge`, when the running target has not answered after `afterMs`, the next one starts beside it;
 *   the first success wins and the other is aborted (`discard` ends a loser that had already answered).
 * - a target at one of its `limits`, or whose provider said it is exhausted, is skipped like an open circuit; when
 *   every target is at a limit (or refused with kind `concurrency`), the call waits for capacity up to
 *   `limits.queueMs` (within its deadline);
 * - with shared state that is unavailable under `onUnavailable: fail`, the call fails at once (`state_unavailable`).
 * When every target failed or was skipped: `AllAttemptsFailedError`, a local `RateLimitError` when limits were the
 * reason, or the `BudgetExceededError` itself when budgets were the only reason.
 */
export function runFailover<T>(call: CallState, candidates: readonly RouteTarget[], op: TargetOp<T>, discard?: (value: T) => void): Promise<T> {
  const state = call.deps.state;
  const down = state.unavailable();
  if (down) return Promise.reject(down);
  // At start, while the fleet's state loads (each call waits at most state.timeoutMs): no call goes out on an empty view.
  const ready = state.ready();
  if (ready) return ready.then(() => runStarted(call, candidates, op, discard));
  return runStarted(call, candidates, op, discard);
}

function runStarted<T>(call: CallState, candidates: readonly RouteTarget[], op: TargetOp<T>, discard: ((value: T) => void) | undefined): Promise<T> {
  return call.route.queueMs > 0 ? runQueued(call, candidates, op, discard) : runOnce(call, candidates, op, discard);
}

function runOnce<T>(call: CallState, candidates: readonly RouteTarget[], op: TargetOp<T>, discard: ((value: T) => void) | undefined, run = new Failover<T>(call, candidates)): Promise<T> {
  const hedge = call.route.hedge;
  return hedge ? runHedged(run, op, hedge.afterMs, discard) : runSequential(run, op);
}

/**
 * With `limits.queueMs`: when every target was at a limit (or busy: it refused with kind `concurrency`, which lowered
 * its learned concurrency), waits for capacity (until the soonest limit frees, polling when unknown) and tries the
 * candidates again, within `queueMs` and the call's deadline; then the error of the last pass (the local
 * `RateLimitError` when only limits stood in the way). Each new pass replaces the skips of the last one in `attempts`;
 * attempts that reached a provider stay.
 */
async function runQueued<T>(call: CallState, candidates: readonly RouteTarget[], op: TargetOp<T>, discard: ((value: T) => void) | undefined): Promise<T> {
  const queueUntil = call.deps.clock.now() + call.route.queueMs;
  const mark = call.attempts.length;
  for (let pass = 0; ; pass++) {
    const run = new Failover<T>(call, candidates);
    try {
      return await runOnce(call, candidates, op, discard, run);
    } catch (error) {
      // Only a call whose every target is at a limit or busy waits; anything else (an abort, a failure) ends the call.
      const waits = run.limits !== undefined && !call.signal.aborted && ((RateLimitError.isInstance(error) && error.local) || run.onlyBusy);
      if (!waits || !(await waitForCapacity(call, run.limits as LimitBlock[], queueUntil, pass))) throw error;
      let kept = mark;
      for (let i = mark; i < call.attempts.length; i++) {
        const attempt = call.attempts[i] as (typeof call.attempts)[number];
        if (attempt.outcome !== 'skipped') call.attempts[kept++] = attempt;
      }
      call.attempts.length = kept;
    }
  }
}
