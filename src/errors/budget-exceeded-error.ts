import { markError, SwitchyardError } from './switchyard-error.ts';

/** No target is within its hard budget. Code `budget_exceeded`. */
export class BudgetExceededError extends SwitchyardError {
  /** The budgets that blocked the call, by name. */
  readonly budgets: string[];

  constructor(message: string, options: { budgets: string[]; provider?: string | undefined }) {
    super('budget_exceeded', message, options);
    this.budgets = options.budgets;
  }
}
markError(BudgetExceededError);
