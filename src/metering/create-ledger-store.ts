import { resolve } from 'node:path';
import { DEFAULT_LEDGER_PATH } from './default-ledger-path.ts';
import type { LedgerStore } from './ledger-store.ts';
import { createMemoryLedgerStore } from './memory-ledger-store.ts';
import type { LedgerConfig } from './metering-config-schema.ts';
import { createSqliteLedgerStore } from './sqlite-ledger-store.ts';
import { lazyModule } from '../runtime/lazy-module.ts';

// The PostgreSQL store (and its migrations) is loaded only for `ledger.type: postgres`.
const postgres = lazyModule<typeof import('./postgres-ledger-store.ts')>('src/metering/postgres-ledger-store.ts');

export { DEFAULT_LEDGER_PATH };

/**
 * Opens the ledger store a `ledger` config section describes.
 * - absent: the embedded default, `{ type: sqlite, path: .switchyard/ledger.sqlite }` under `cwd`, so usage is kept
 *   and `switchyard report` works with no setup;
 * - `sqlite`: that file (relative paths are resolved against `cwd`); `postgres`: the database at `url`;
 * - `memory`: in this process only; `none`: nothing is kept (reports show capacity cost only).
 */
export function createLedgerStore(config: LedgerConfig | undefined, cwd: string = process.cwd()): LedgerStore {
  const ledger = config ?? { type: 'sqlite' as const };
  switch (ledger.type) {
    case 'sqlite':
      return createSqliteLedgerStore(ledger.path === ':memory:' ? ':memory:' : resolve(cwd, ledger.path ?? DEFAULT_LEDGER_PATH));
    case 'postgres':
      return postgres().createPostgresLedgerStore({ url: ledger.url, ...(ledger.table !== undefined ? { table: ledger.table } : {}) });
    case 'memory':
      return createMemoryLedgerStore();
    case 'none':
      return createNoLedgerStore();
  }
}

/** A store that keeps nothing (`ledger: { type: none }`). */
export function createNoLedgerStore(): LedgerStore {
  return {
    name: 'none',
    async append() {},
    appendSync() {},
    async aggregate() {
      return [];
    },
    async sumCost() {
      return 0n;
    },
    async lastServed() {
      return [];
    },
    async close() {},
  };
}
