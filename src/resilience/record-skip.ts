import type { RouteTarget } from '../router/route.ts';
import type { LimitBlock } from '../state/limit-block.ts';
import type { Attempt } from '../types/attempt.ts';
import type { CallState } from './call-state.ts';

/** Records a target that was not tried, with the reason (and, for a limit, which one). */
export function recordSkip(call: CallState, target: RouteTarget, reason: string, limit?: LimitBlock): void {
  const attempt: Attempt = { provider: target.providerId, model: target.model, outcome: 'skipped', reason, latencyMs: 0 };
  if (limit) {
    attempt.limit = { name: limit.limit, scope: limit.scope, path: limit.path };
    if (limit.retryAfterMs !== undefined) attempt.limit.retryAfterMs = limit.retryAfterMs;
  }
  call.attempts.push(attempt);
}

/** Records a target skipped at a limit (reason `limit: …`). */
export function recordLimitSkip(call: CallState, target: RouteTarget, block: LimitBlock): void {
  recordSkip(call, target, `limit: ${block.message}`, block);
}
