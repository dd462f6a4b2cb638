import { BudgetExceededError } from '../errors/budget-exceeded-error.ts';
import type { RouteTarget } from '../router/route.ts';
import { expectedCapacity } from '../router/target-capacity.ts';
import { estimateLimitTokens } from '../state/estimate-limit-tokens.ts';
import type { LimitBlock } from '../state/limit-block.ts';
import type { HeldLimits, LimitGrant } from '../state/state-store.ts';
import type { BudgetReservation, MeterTarget } from '../types/meter.ts';
import type { CallState } from './call-state.ts';
import type { CircuitPermit } from './circuit-breaker.ts';
import { recordLimitSkip, recordSkip } from './record-skip.ts';
import { SkipTargetError } from './skip-target-error.ts';

/** What an attempt was admitted with: a circuit permit and, with metering, a budget reservation; the limits it holds. */
export interface Admission {
  permit: CircuitPermit;
  reservation?: BudgetReservation;
  meterTarget: MeterTarget;
  /** The limits the attempt holds (given back when it ends), with the token estimate it reserved. */
  held?: HeldLimits;
}

const ZERO = { usd: 0, nanoUsd: 0 };

/** The metering view of a target for one call. */
function toMeterTarget(target: RouteTarget, call: CallState): MeterTarget {
  const meterTarget: MeterTarget = { alias: target.alias, provider: target.providerId, model: target.model };
  if (target.priceModel !== undefined) meterTarget.priceModel = target.priceModel;
  if (call.request.tags !== undefined) meterTarget.tags = call.request.tags;
  const capacity = expectedCapacity(target.capacity, call.request);
  if (capacity !== undefined) meterTarget.capacity = capacity;
  if (target.capacity.spillover !== undefined) meterTarget.spillover = target.capacity.spillover;
  return meterTarget;
}

function limitSkip(call: CallState, target: RouteTarget, permit: CircuitPermit, block: LimitBlock): SkipTargetError {
  target.breaker.recordNeutral(permit);
  recordLimitSkip(call, target, block);
  return new SkipTargetError(`limit: ${block.message}`, undefined, block);
}

function budgetSkip(call: CallState, target: RouteTarget, permit: CircuitPermit, error: unknown): SkipTargetError {
  target.breaker.recordNeutral(permit);
  if (!BudgetExceededError.isInstance(error)) throw error;
  recordSkip(call, target, `budget: ${error.message}`);
  return new SkipTargetError(error.message, error);
}

/** The budget reservation alone: a target with no limits. */
async function reserveBudget(target: RouteTarget, call: CallState, permit: CircuitPermit, meterTarget: MeterTarget): Promise<Admission> {
  let reservation: BudgetReservation;
  try {
    reservation = await (call.deps.meter as NonNullable<CallState['deps']['meter']>).reserve(meterTarget, call.request);
  } catch (error) {
    throw budgetSkip(call, target, permit, error);
  }
  if (call.signal.aborted) {
    reservation.settle(ZERO);
    target.breaker.recordNeutral(permit);
    throw call.signal.reason;
  }
  return { permit, reservation, meterTarget };
}

/**
 * A target with limits: its limits and the budgets covering it are taken together (with Redis, one script and one
 * round trip: all of them or none). When one part could not be made, what the other took is given back.
 */
async function admitLimited(target: RouteTarget, call: CallState, permit: CircuitPermit, meterTarget: MeterTarget): Promise<Admission> {
  const { meter, state: store, clock } = call.deps;
  const state = target.state;
  const tokens = state.countsTokens ? estimateLimitTokens(call.request) : 0;
  const now = clock.now();
  let granting: LimitGrant | Promise<LimitGrant> | undefined;
  let reserving: Promise<BudgetReservation> | undefined;
  store.together(() => {
    granting = state.acquire(tokens, now);
    if (!meter) return;
    try {
      reserving = meter.reserve(meterTarget, call.request);
    } catch (error) {
      reserving = Promise.reject(error);
    }
  });
  let reservation: BudgetReservation | undefined;
  let budgetError: unknown;
  let grant: LimitGrant;
  try {
    // Both settle (a store failure under `onUnavailable: fail` rejects both): wait for both before deciding.
    const [granted, reserved] = await Promise.allSettled([granting as LimitGrant | Promise<LimitGrant>, reserving]);
    if (reserved.status === 'rejected') budgetError = reserved.reason;
    else reservation = reserved.value;
    if (granted.status === 'rejected') throw granted.reason;
    grant = granted.value;
    // The limits were not looked at because the budget part had to load its period first: take them alone.
    if (grant.block === undefined && 'retry' in grant && budgetError === undefined) grant = await state.acquire(tokens, clock.now());
  } catch (error) {
    reservation?.settle(ZERO);
    target.breaker.recordNeutral(permit);
    throw error;
  }
  const held = grant.block === undefined && !('retry' in grant) ? grant : undefined;
  if (budgetError !== undefined) {
    held?.release(0, clock.now());
    throw budgetSkip(call, target, permit, budgetError);
  }
  if (grant.block !== undefined) {
    reservation?.settle(ZERO);
    throw limitSkip(call, target, permit, grant.block);
  }
  if (call.signal.aborted) {
    held?.release(0, clock.now());
    reservation?.settle(ZERO);
    target.breaker.recordNeutral(permit);
    throw call.signal.reason;
  }
  const admission: Admission = { permit, meterTarget };
  if (held) admission.held = held;
  if (reservation) admission.reservation = reservation;
  return admission;
}

/** After a shared half-open claim: the rest of the admission once this instance knows whether it may probe. */
async function admitClaimed(target: RouteTarget, call: CallState, permit: CircuitPermit, claim: Promise<string | undefined>): Promise<Admission> {
  const denied = await claim;
  if (denied !== undefined) {
    recordSkip(call, target, denied);
    throw new SkipTargetError(denied);
  }
  return admitPermitted(target, call, permit);
}

function admitPermitted(target: RouteTarget, call: CallState, permit: CircuitPermit): Admission | Promise<Admission> {
  const blocked = target.state.blockedNow();
  if (blocked) throw limitSkip(call, target, permit, blocked);
  const meterTarget = toMeterTarget(target, call);
  if (target.state.limited) return admitLimited(target, call, permit, meterTarget);
  const meter = call.deps.meter;
  if (!meter || meter.covers?.(meterTarget) === false) return { permit, meterTarget };
  return reserveBudget(target, call, permit, meterTarget);
}

/**
 * Lets an attempt go ahead, or skips the target: never after the call was aborted, not while its circuit is open
 * (nor, shared, while another instance sends the half-open probe), not while its provider said it is exhausted, not
 * at one of its `limits`, and not when a hard budget cannot fit the worst-case cost (`meter.reserve`). A target
 * without limits and budgets costs nothing here: no estimate, no store, and no wait (the admission is returned as is,
 * not as a promise, so that the attempt starts in the same tick).
 * Throws `SkipTargetError` (after recording a `skipped` attempt) or the call's abort reason, synchronously or as the
 * rejection of the promise it returns.
 */
export function admitAttempt(target: RouteTarget, call: CallState): Admission | Promise<Admission> {
  if (call.signal.aborted) throw call.signal.reason;
  const permit = target.breaker.acquire();
  if (typeof permit === 'string') {
    recordSkip(call, target, permit);
    throw new SkipTargetError(permit);
  }
  if (permit.claim) return admitClaimed(target, call, permit, permit.claim);
  return admitPermitted(target, call, permit);
}
