import type { LimitBlock } from '../state/limit-block.ts';

/**
 * Thrown inside the router when a target is not tried (open circuit, limit, budget): the target is recorded as a
 * `skipped` attempt and the router moves on. Never reaches the caller. Deliberately not an `Error`: a skip
 * is routine (every call while a circuit is open), and capturing a stack trace each time would cost more
 * than the rest of the skip.
 */
export class SkipTargetError {
  /** Why, in words, as recorded in the attempt. */
  readonly reason: string;
  /** The `BudgetExceededError` when a budget was the reason. */
  readonly budgetError?: Error;
  /** The limit, when one was the reason. */
  readonly limit?: LimitBlock;

  constructor(reason: string, budgetError?: Error, limit?: LimitBlock) {
    this.reason = reason;
    if (budgetError !== undefined) this.budgetError = budgetError;
    if (limit !== undefined) this.limit = limit;
  }
}
