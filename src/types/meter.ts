import type { AttemptEndEvent } from './attempt-event.ts';
import type { ChatRequest } from './chat-request.ts';
import type { Cost } from './cost.ts';
import type { EmbedRequest } from './embed-request.ts';
import type { Usage } from './usage.ts';

/** The target a metering decision is about. */
export interface MeterTarget {
  /** The alias of the call. */
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The model sent on the wire (for Azure the deployment, whose model `priceModel` names). */
  model: string;
  /** The model whose price applies (Azure: the deployment's model version), when it differs from `model`. */
  priceModel?: string | undefined;
  /** The request's metering tags. */
  tags?: Record<string, string> | undefined;
}

/** A budget reservation, settled once the attempt is over. */
export interface BudgetReservation {
  /** Replace the reserved worst case with the actual cost (null: unknown, keep the reservation). */
  settle(cost: Cost | null): void;
}

/**
 * What the router asks of metering. `createSwitchyard` builds one from the config's `ledger`,
 * `prices`, `billing` and `budgets`; custom meters may implement it.
 */
export interface Meter {
  /** The cost of an attempt's usage at time `at` (ms since the epoch), or null when no price is known. */
  price(target: MeterTarget, usage: Usage, at: number, servedModel?: string): Cost | null;
  /** The worst-case cost of sending `request` to `target` in nano-USD, or null when unknown (used by `lowest-cost` and budgets). */
  estimate(target: MeterTarget, request: ChatRequest | EmbedRequest): number | null;
  /**
   * Reserve the worst-case cost against every budget that covers `target`.
   * Throws `BudgetExceededError` when a hard budget cannot fit it; emits soft warnings through `onWarning`.
   */
  reserve(target: MeterTarget, request: ChatRequest | EmbedRequest): Promise<BudgetReservation>;
  /** Record one attempt in the ledger. Never throws and never blocks the call; writes are batched. */
  record(event: AttemptEndEvent): void;
  /** Wait until every recorded attempt is written. */
  flush(): Promise<void>;
  /** Flush and release the ledger. */
  close(): Promise<void>;
}
