import type { Attempt } from '../types/attempt.ts';
import { markError, SwitchyardError } from './switchyard-error.ts';

/** Every target of an alias was tried or skipped, and none succeeded. Code `all_attempts_failed`. `cause` is the last error. */
export class AllAttemptsFailedError extends SwitchyardError {
  /** Every attempt: provider, model, outcome, error code and reason. */
  readonly attempts: Attempt[];
  /** The errors of the attempts that failed, in order. */
  readonly errors: unknown[];

  constructor(message: string, options: { attempts: Attempt[]; errors: unknown[]; cause?: unknown }) {
    super('all_attempts_failed', message, { cause: options.cause });
    this.attempts = options.attempts;
    this.errors = options.errors;
  }
}
markError(AllAttemptsFailedError);
