/** Emitted (`budget`) when a budget blocks a call, or a soft budget goes over its limit (once per period). */
export interface BudgetEvent {
  /** `blocked`: a hard budget rejected the call; `over-limit`: a soft budget let it through over its limit. */
  action: 'blocked' | 'over-limit';
  /** The budget's name. */
  budget: string;
  mode: 'hard' | 'soft';
  period: 'day' | 'month';
  /** Start of the period, ISO date-time (UTC). */
  periodStart: string;
  limitUsd: number;
  /** Settled spend in the period, before this call. */
  spentUsd: number;
  /** Outstanding reservations, before this call. */
  reservedUsd: number;
  /** The worst-case cost of this call. */
  requestUsd: number;
  /** The target of the call. */
  provider: string;
  alias: string;
}

/** Emitted (`warning`) for things that need attention but must not fail a call. Never contains a secret. */
export interface MeterWarning {
  /**
   * - `unknown-price`: no price for a model, or for its capacity tier (`capacity`: priority, flex), so its cost is null;
   *   once per provider, model and tier;
   * - `unknown-capacity`: the provider named a capacity tier Switchyard does not know (`capacity` holds it; such
   *   attempts cost null, never the standard price), once per provider and value;
   * - `capacity-unbilled`: attempts were served on provisioned capacity (0 per token) of a provider whose `billing`
   *   does not say what the capacity costs, so reports leave that cost out; once per provider;
   * - `unknown-estimate`: a budget covers a target whose price is unknown, so nothing could be reserved;
   * - `budget-over-limit`: a soft budget is over its limit;
   * - `ledger-write-failed`, `budget-store-failed`: the store failed (records are retried; details in `message`).
   */
  code: 'unknown-price' | 'unknown-capacity' | 'capacity-unbilled' | 'unknown-estimate' | 'budget-over-limit' | 'ledger-write-failed' | 'budget-store-failed';
  message: string;
  provider?: string;
  model?: string;
  /** The capacity tier or the provider's own value it is about (`priority`, `ON_DEMAND_OFFPEAK`). */
  capacity?: string;
}

/** The metering events and their payloads. */
export interface MeterEvents {
  budget: BudgetEvent;
  warning: MeterWarning;
}

/** Receives metering events (the router forwards them to its `on(name, handler)` listeners). */
export type MeterEmit = <K extends keyof MeterEvents>(event: K, payload: MeterEvents[K]) => void;
