import type { LedgerRecord } from './ledger-record.ts';
import type { LedgerStore } from './ledger-store.ts';

/** How the ledger writer batches. */
export interface LedgerWriterOptions {
  /** Write as soon as this many records are waiting. @default 500 */
  batchSize?: number | undefined;
  /** Write waiting records at most this long after the first one arrived, in ms. @default 1000 */
  flushIntervalMs?: number | undefined;
  /** Called when a batch could not be written; the batch is kept and retried, up to `maxPending` records. */
  onError?: ((error: unknown, records: number) => void) | undefined;
  /** Records kept while the store fails; older ones are dropped (and reported) past this. @default 100000 */
  maxPending?: number | undefined;
  /** Flush at process exit (`beforeExit`, and synchronously at `exit` for stores with `appendSync`). @default true */
  exitHooks?: boolean | undefined;
}

/** Queues ledger records off the request path and writes them in batches. */
export interface LedgerWriter {
  /** Queues one record: an array push, never I/O, never throws. */
  push(record: LedgerRecord): void;
  /** Resolves once every record queued so far has been written (or reported as failed). */
  flush(): Promise<void>;
  /** Flushes, stops the timer and leaves the exit hooks; the store is not closed. */
  close(): Promise<void>;
  /** Records queued and not yet written. */
  readonly pending: number;
}

/**
 * Creates the batching writer in front of a ledger store.
 *
 * Crash window: records are written every `flushIntervalMs` or every `batchSize` records, whichever comes first,
 * on an unref'd timer. `close()` and a normal exit (the event loop draining, `beforeExit`) write everything; on
 * `process.exit()` a store with `appendSync` (SQLite) still writes synchronously in the `exit` hook. A crash,
 * a signal that kills the process, or `process.exit()` with an asynchronous store (PostgreSQL) loses at most
 * the records of the last `flushIntervalMs` (at most `batchSize` records per pending batch).
 */
export function createLedgerWriter(store: LedgerStore, options: LedgerWriterOptions = {}): LedgerWriter {
  const batchSize = options.batchSize ?? 500;
  const interval = options.flushIntervalMs ?? 1000;
  const maxPending = options.maxPending ?? 100_000;
  let queue: LedgerRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate = false;
  let chain: Promise<void> = Promise.resolve();

  const report = (error: unknown, count: number) => {
    try {
      options.onError?.(error, count);
    } catch {
      // A failing error handler must not break the writer.
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.length <= batchSize ? queue : queue.slice(0, batchSize);
      queue = batch === queue ? [] : queue.slice(batchSize);
      try {
        await store.append(batch);
      } catch (error) {
        report(error, batch.length);
        queue = batch.concat(queue);
        if (queue.length > maxPending) {
          const dropped = queue.length - maxPending;
          queue = queue.slice(dropped);
          report(new Error(`ledger ${store.name}: dropped ${dropped} records after repeated write failures`), dropped);
        }
        arm();
        return;
      }
    }
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    chain = chain.then(drain);
    return chain;
  };

  const arm = () => {
    if (timer === undefined && queue.length > 0) {
      timer = setTimeout(() => void flush(), interval);
      timer.unref?.();
    }
  };

  const writer: LedgerWriter & ExitFlushable = {
    push(record) {
      queue.push(record);
      if (queue.length >= batchSize) {
        if (!immediate) {
          immediate = true;
          setImmediate(() => {
            immediate = false;
            void flush();
          }).unref?.();
        }
      } else arm();
    },
    flush,
    async close() {
      exitFlushables.delete(writer);
      await flush();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    get pending() {
      return queue.length;
    },
    flushSync() {
      if (queue.length === 0 || !store.appendSync) return;
      const batch = queue;
      queue = [];
      try {
        store.appendSync(batch);
      } catch (error) {
        report(error, batch.length);
      }
    },
  };
  if (options.exitHooks !== false) registerExitFlush(writer);
  return writer;
}

interface ExitFlushable {
  readonly pending: number;
  flush(): Promise<void>;
  flushSync(): void;
}

const exitFlushables = new Set<ExitFlushable>();
let hooksInstalled = false;

function registerExitFlush(writer: ExitFlushable): void {
  exitFlushables.add(writer);
  if (hooksInstalled) return;
  hooksInstalled = true;
  // beforeExit fires when the event loop drains; flushing schedules more work and beforeExit fires again
  // afterwards. Only writers that still have records, and made progress since the last try, are flushed,
  // so a store that keeps failing cannot keep the process alive.
  const lastTry = new WeakMap<ExitFlushable, number>();
  process.on('beforeExit', () => {
    for (const w of exitFlushables) {
      if (w.pending === 0 || lastTry.get(w) === w.pending) continue;
      lastTry.set(w, w.pending);
      void w.flush();
    }
  });
  process.on('exit', () => {
    for (const w of exitFlushables) w.flushSync();
  });
}
