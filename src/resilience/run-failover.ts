import { AbortError } from '../errors/abort-error.ts';
import { AllAttemptsFailedError } from '../errors/all-attempts-failed-error.ts';
import type { RouteTarget } from '../router/route.ts';
import { recordSkip } from './admit-attempt.ts';
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
  controller?: AbortController;
  unlink?: () => void;
}

type Settled<T> = { branch: Branch<T>; ok: true; value: T } | { branch: Branch<T>; ok: false; error: unknown };

/** What `runFailover` returns: the value of the target that served the call. */
export interface Served<T> {
  value: T;
  target: RouteTarget;
}

/**
 * Serves a call from `candidates` in order (the strategy's order, already filtered):
 * - an error of a `fallbackOn` class moves on to the next target (a `failover` event);
 * - a context-length error moves on only to targets with a larger known window; an unsupported feature
 *   (refused before anything was sent) and a version drift under `onDrift: failover` move on;
 * - any other error (invalid request, authentication, content filter) is thrown at once: it would fail anywhere;
 * - the caller's abort and the total deadline stop everything at once, in-flight attempts included;
 * - with `hedge`, when the running target has not answered after `afterMs`, the next one starts beside it;
 *   the first success wins and the other is aborted (`discard` ends a loser that had already answered).
 * When every target failed or was skipped: `AllAttemptsFailedError`, or the `BudgetExceededError` itself
 * when budgets were the only reason.
 */
export async function runFailover<T>(call: CallState, candidates: readonly RouteTarget[], op: TargetOp<T>, discard?: (value: T) => void): Promise<Served<T>> {
  const route = call.route;
  const hedge = route.hedge;
  const clock = call.deps.clock;
  const pending: Branch<T>[] = [];
  const errors: unknown[] = [];
  const budgetErrors: Error[] = [];
  let next = 0;
  let windowFloor: number | undefined;
  let launchedAt = 0;

  const take = (): RouteTarget | undefined => {
    while (next < candidates.length) {
      const target = candidates[next++] as RouteTarget;
      const window = target.capabilities.contextWindow;
      if (windowFloor !== undefined && window !== undefined && window <= windowFloor) {
        recordSkip(call, target, `context window of ${window} tokens is not larger than the ${windowFloor} tokens of a target that refused the prompt as too long`);
        continue;
      }
      return target;
    }
    return undefined;
  };

  const launch = (target: RouteTarget, asHedge: boolean): void => {
    const branch = { target } as Branch<T>;
    let branchCall = call;
    if (hedge) {
      // Each branch gets its own signal, so that a loser can be aborted alone.
      const controller = new AbortController();
      const onAbort = () => controller.abort(call.signal.reason);
      call.signal.addEventListener('abort', onAbort, { once: true });
      branch.controller = controller;
      branch.unlink = () => call.signal.removeEventListener('abort', onAbort);
      branchCall = { ...call, signal: controller.signal, hedge: asHedge };
    }
    branch.promise = op(target, branchCall).then(
      (value): Settled<T> => ({ branch, ok: true, value }),
      (error: unknown): Settled<T> => ({ branch, ok: false, error }),
    );
    pending.push(branch);
    launchedAt = clock.now();
  };

  const stopOthers = (reason: Error): void => {
    for (const branch of pending) {
      branch.controller?.abort(reason);
      branch.unlink?.();
      if (discard) void branch.promise.then((settled) => settled.ok && discard(settled.value));
    }
    pending.length = 0;
  };

  const first = take();
  if (!first) throw exhausted(call, errors, budgetErrors);
  launch(first, false);

  for (;;) {
    let settled: Settled<T> | typeof HEDGE;
    if (hedge && pending.length < MAX_IN_FLIGHT && next < candidates.length) {
      settled = await raceHedgeTimer(pending, hedge.afterMs - (clock.now() - launchedAt), call);
    } else if (pending.length === 1) {
      settled = await (pending[0] as Branch<T>).promise;
    } else {
      settled = await Promise.race(pending.map((b) => b.promise));
    }

    if (settled === HEDGE) {
      const primary = pending[pending.length - 1] as Branch<T>;
      const target = take();
      if (target) {
        call.deps.emit('hedge', { alias: route.alias, operation: call.operation, afterMs: (hedge as { afterMs: number }).afterMs, primary: { provider: primary.target.providerId, model: primary.target.model }, hedge: { provider: target.providerId, model: target.model } });
        launch(target, true);
      }
      continue;
    }

    const branch = settled.branch;
    pending.splice(pending.indexOf(branch), 1);
    branch.unlink?.();
    if (settled.ok) {
      stopOthers(new AbortError(`Lost the hedge to ${branch.target.label}.`));
      return { value: settled.value, target: branch.target };
    }

    const error = settled.error;
    if (call.signal.aborted) {
      stopOthers(call.signal.reason as Error);
      throw call.signal.reason;
    }
    let failed = false;
    if (error instanceof SkipTargetError) {
      if (error.budgetError) budgetErrors.push(error.budgetError);
    } else {
      errors.push(error);
      const cls = errorClassOf(error);
      if (cls === 'context-length') {
        const window = branch.target.capabilities.contextWindow;
        if (window !== undefined) windowFloor = Math.max(windowFloor ?? 0, window);
      } else if (cls !== 'unsupported-feature' && !isDriftFailover(error) && (cls === undefined || !route.fallbackOn.has(cls))) {
        stopOthers(new AbortError('Another target failed with an error that does not fail over.'));
        throw error;
      }
      failed = true;
    }

    if (pending.length > 0) continue;
    const target = take();
    if (!target) throw exhausted(call, errors, budgetErrors);
    if (failed) {
      call.deps.emit('failover', {
        alias: route.alias,
        operation: call.operation,
        from: { provider: branch.target.providerId, model: branch.target.model },
        to: { provider: target.providerId, model: target.model },
        errorCode: errorCodeOf(error),
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    launch(target, false);
  }
}

/** A served version that drifted from the pin under `versions.onDrift: failover`: always a reason to move on. */
function isDriftFailover(error: unknown): boolean {
  return errorClassOf(error) === 'drift' && (error as { action?: unknown }).action === 'failover';
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

function exhausted(call: CallState, errors: unknown[], budgetErrors: Error[]): Error {
  if (errors.length === 0 && budgetErrors.length > 0) return budgetErrors[0] as Error;
  const lines = call.attempts.map((a) => `${a.provider}/${a.model}: ${a.outcome}${a.errorCode ? ` ${a.errorCode}` : ''}${a.reason ? ` (${a.reason})` : ''}`);
  const summary = lines.length > 0 ? `\n  - ${lines.join('\n  - ')}` : ' it has no targets.';
  return new AllAttemptsFailedError(`No target of ${call.route.alias} could serve the ${call.operation} call:${summary}`, {
    attempts: call.attempts,
    errors,
    cause: errors[errors.length - 1],
  });
}
