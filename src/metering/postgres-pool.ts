/**
 * The part of a `pg` pool the PostgreSQL ledger and budget stores use. A `pg.Pool` (from the `pg` package) is one;
 * declared here so that Switchyard's types need no `@types/pg` in an application that does not use PostgreSQL.
 */
export interface PostgresPool {
  /** Runs one statement on any connection. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** A connection of its own, for a transaction; give it back with `release()`. */
  connect(): Promise<{ query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>; release(error?: Error | boolean): void }>;
  /** Closes every connection. */
  end(): Promise<void>;
  /** Errors of idle connections (the pool replaces them). */
  on(event: 'error', listener: (error: Error) => void): unknown;
}
