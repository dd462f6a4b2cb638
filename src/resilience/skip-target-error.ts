/**
 * Thrown inside the router when a target is not tried (open circuit, budget): the target is recorded as a
 * `skipped` attempt and the router moves on. Never reaches the caller.
 */
export class SkipTargetError extends Error {
  /** Why, in words, as recorded in the attempt. */
  readonly reason: string;
  /** The `BudgetExceededError` when a budget was the reason. */
  readonly budgetError?: Error;

  constructor(reason: string, budgetError?: Error) {
    super(reason);
    this.name = 'SkipTargetError';
    this.reason = reason;
    if (budgetError !== undefined) this.budgetError = budgetError;
  }
}
