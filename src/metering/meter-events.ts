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
   * - `unknown-price`: no price for a model (its cost is null), once per provider and model;
   * - `unknown-estimate`: a budget covers a target whose price is unknown, so nothing could be reserved;
   * - `budget-over-limit`: a soft budget is over its limit;
   * - `ledger-write-failed`, `budget-store-failed`: the store failed (records are retried; details in `message`).
   */
  code: 'unknown-price' | 'unknown-estimate' | 'budget-over-limit' | 'ledger-write-failed' | 'budget-store-failed';
  message: string;
  provider?: string;
  model?: string;
}

/** The metering events and their payloads. */
export interface MeterEvents {
  budget: BudgetEvent;
  warning: MeterWarning;
}

/** Receives metering events (the router forwards them to its `on(name, handler)` listeners). */
export type MeterEmit = <K extends keyof MeterEvents>(event: K, payload: MeterEvents[K]) => void;
