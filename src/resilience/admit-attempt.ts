import { BudgetExceededError } from '../errors/budget-exceeded-error.ts';
import type { RouteTarget } from '../router/route.ts';
import { expectedCapacity } from '../router/target-capacity.ts';
import type { BudgetReservation, MeterTarget } from '../types/meter.ts';
import type { CallState } from './call-state.ts';
import type { CircuitPermit } from './circuit-breaker.ts';
import { recordSkip } from './record-skip.ts';
import { SkipTargetError } from './skip-target-error.ts';

/** What an attempt was admitted with: a circuit permit and, with metering, a budget reservation. */
export interface Admission {
  permit: CircuitPermit;
  reservation?: BudgetReservation;
  meterTarget: MeterTarget;
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

/**
 * Lets an attempt go ahead, or skips the target: never after the call was aborted, not while its circuit
 * is open, and not when a hard budget cannot fit the worst-case cost (`meter.reserve`).
 * Throws `SkipTargetError` (after recording a `skipped` attempt) or the call's abort reason.
 */
export async function admitAttempt(target: RouteTarget, call: CallState): Promise<Admission> {
  if (call.signal.aborted) throw call.signal.reason;
  const permit = target.breaker.acquire();
  if (typeof permit === 'string') {
    recordSkip(call, target, permit);
    throw new SkipTargetError(permit);
  }
  const meterTarget = toMeterTarget(target, call);
  const meter = call.deps.meter;
  if (!meter) return { permit, meterTarget };
  let reservation: BudgetReservation;
  try {
    reservation = await meter.reserve(meterTarget, call.request);
  } catch (error) {
    target.breaker.recordNeutral(permit);
    if (!BudgetExceededError.isInstance(error)) throw error;
    recordSkip(call, target, `budget: ${error.message}`);
    throw new SkipTargetError(error.message, error);
  }
  if (call.signal.aborted) {
    reservation.settle(ZERO);
    target.breaker.recordNeutral(permit);
    throw call.signal.reason;
  }
  return { permit, reservation, meterTarget };
}
