import type { RouteTarget } from '../router/route.ts';
import type { CallState } from './call-state.ts';

/**
 * What the resilience layers wrap: "serve this call with this target". The innermost op makes one attempt
 * (`runCallAttempt`, `openStreamAttempt`); `withRetry` wraps it; the router runs it across targets with
 * failover and hedging. Layers compose by wrapping, like undici's dispatcher interceptors.
 */
export type TargetOp<T> = (target: RouteTarget, call: CallState) => Promise<T>;
