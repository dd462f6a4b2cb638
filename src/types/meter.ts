import type { AttemptEndEvent } from './attempt-event.ts';
import type { CapacityTier } from './capacity-tier.ts';
import type { ChatRequest } from './chat-request.ts';
import type { Cost } from './cost.ts';
import type { EmbedRequest } from './embed-request.ts';
import type { ServedCapacity } from './served-capacity.ts';
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
  /**
   * The tier the target is expected to be served in, from the config (provisioned deployments, `requestType`,
   * `serviceTier`): what estimates assume, and what an answer that says nothing is priced at. Null when the config
   * leaves it open (Vertex Provisioned Throughput with pay-as-you-go overflow).
   */
  capacity?: CapacityTier | null | undefined;
  /** Azure: the standard deployment the target spills over to (its price is the worst case of an estimate). */
  spillover?: string | undefined;
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
  /**
   * The cost of an attempt's usage at time `at` (ms since the epoch), served as `capacity` says (0 per token on
   * provisioned capacity, the spillover deployment's price, the priority or flex rate), or null when no price is known.
   */
  price(target: MeterTarget, usage: Usage, at: number, servedModel?: string, capacity?: ServedCapacity): Cost | null;
  /** The worst-case cost of sending `request` to `target` in nano-USD, or null when unknown (used by `lowest-cost` and budgets). */
  estimate(target: MeterTarget, request: ChatRequest | EmbedRequest): number | null;
  /**
   * Reserve the worst-case cost against every budget that covers `target`.
   * Throws `BudgetExceededError` when a hard budget cannot fit it; emits soft warnings through `onWarning`.
   */
  reserve(target: MeterTarget, request: ChatRequest | EmbedRequest): Promise<BudgetReservation>;
  /**
   * Optional: false when no budget covers `target`, so that `reserve` would reserve nothing. The router then admits the
   * attempt without waiting on `reserve`. A meter without it is always asked to reserve.
   */
  covers?: ((target: MeterTarget) => boolean) | undefined;
  /** Record one attempt in the ledger. Never throws and never blocks the call; writes are batched. */
  record(event: AttemptEndEvent): void;
  /** Wait until every recorded attempt is written. */
  flush(): Promise<void>;
  /** Flush and release the ledger. */
  close(): Promise<void>;
}
