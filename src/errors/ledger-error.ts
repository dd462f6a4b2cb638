import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * The ledger could not be opened, created or migrated (a SQLite file that cannot be written, a PostgreSQL server
 * that cannot be reached, a ledger written by a newer Switchyard). Code `ledger`.
 */
export class LedgerError extends SwitchyardError {
  /** The ledger: `sqlite:<path>` or `postgres:<host>/<database>` (never a password). */
  readonly ledger: string;

  constructor(message: string, options: { ledger: string; cause?: unknown }) {
    super('ledger', message, options.cause === undefined ? {} : { cause: options.cause });
    this.ledger = options.ledger;
  }
}
markError(LedgerError);
