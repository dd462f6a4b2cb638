import type { RouteTarget } from '../router/route.ts';
import type { CallState } from './call-state.ts';

/** Records a target that was not tried, with the reason. */
export function recordSkip(call: CallState, target: RouteTarget, reason: string): void {
  call.attempts.push({ provider: target.providerId, model: target.model, outcome: 'skipped', reason, latencyMs: 0 });
}
