/**
 * Thrown inside the router when a target is not tried (open circuit, budget): the target is recorded as a
 * `skipped` attempt and the router moves on. Never reaches the caller. Deliberately not an `Error`: a skip
 * is routine (every call while a circuit is open), and capturing a stack trace each time would cost more
 * than the rest of the skip.
 */
export class SkipTargetError {
  /** Why, in words, as recorded in the attempt. */
  readonly reason: string;
  /** The `BudgetExceededError` when a budget was the reason. */
  readonly budgetError?: Error;

  constructor(reason: string, budgetError?: Error) {
    this.reason = reason;
    if (budgetError !== undefined) this.budgetError = budgetError;
  }
}
