import type { BudgetEvent } from '../metering/meter-events.ts';
import type { AttemptEndEvent, AttemptStartEvent } from '../types/attempt-event.ts';
import type { DriftEvent } from '../versions/drift-event.ts';
import type { SwitchyardWarning } from './switchyard-warning.ts';

/** A provider and the model sent to it. */
export interface TargetRef {
  /** The provider's config id. */
  provider: string;
  /** The model sent on the wire. */
  model: string;
}

/** Emitted (`failover`) when the router moves on from a target that failed to the next one. */
export interface FailoverEvent {
  alias: string;
  operation: 'chat' | 'stream' | 'embed';
  /** The target that failed. */
  from: TargetRef;
  /** The target tried next. */
  to: TargetRef;
  /** The stable code of the error that caused it. */
  errorCode?: string;
  /** The error's message (never a secret). */
  reason: string;
}

/** Emitted (`circuit-open`, `circuit-close`) when a target's circuit breaker changes state. */
export interface CircuitEvent extends TargetRef {
  alias: string;
  /** The new state. */
  state: 'open' | 'closed';
  /** Why (`5 consecutive failures`, `probe succeeded`). */
  reason: string;
  /** When the circuit lets a probe through again (ms since the epoch), for `open`. */
  retryAt?: number;
}

/** Emitted (`hedge`) when a target has not answered within `hedge.afterMs` and the next one is started beside it. */
export interface HedgeEvent {
  alias: string;
  operation: 'chat' | 'stream' | 'embed';
  /** The configured delay, in ms. */
  afterMs: number;
  /** The target still running. */
  primary: TargetRef;
  /** The target started beside it. */
  hedge: TargetRef;
}

/**
 * Every event `createSwitchyard(...).on(name, handler)` delivers, by name, with its payload type: `drift` comes from
 * version pinning, `budget` from metering, `warning` from the config's version checks, metering and `close()`.
 */
export interface SwitchyardEventMap {
  'attempt-start': AttemptStartEvent;
  'attempt-end': AttemptEndEvent;
  failover: FailoverEvent;
  'circuit-open': CircuitEvent;
  'circuit-close': CircuitEvent;
  hedge: HedgeEvent;
  drift: DriftEvent;
  budget: BudgetEvent;
  warning: SwitchyardWarning;
}

/** The name of an event. */
export type SwitchyardEventName = keyof SwitchyardEventMap;

/** Delivers one event to its listeners. Never throws. */
export type EmitEvent = <K extends SwitchyardEventName>(name: K, payload: SwitchyardEventMap[K]) => void;
