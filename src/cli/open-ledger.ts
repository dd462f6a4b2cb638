import { createLedgerStore } from '../metering/create-ledger-store.ts';
import type { LedgerStore } from '../metering/ledger-store.ts';
import type { LedgerConfig } from '../metering/metering-config-schema.ts';

/**
 * Opens the ledger a command reads: `--ledger` when given (a `postgres://` URL, or a SQLite file relative to
 * `cwd`), else the config's `ledger` (a relative path resolves against the config file's directory, as when
 * Switchyard wrote it), else the default `.switchyard/ledger.sqlite` there.
 */
export function openLedger(flag: string | undefined, config: LedgerConfig | undefined, baseDir: string, cwd: string): LedgerStore {
  if (flag !== undefined) {
    if (/^postgres(ql)?:\/\//.test(flag)) {
      const table = config?.type === 'postgres' ? config.table : undefined;
      return createLedgerStore({ type: 'postgres', url: flag, ...(table !== undefined ? { table } : {}) }, cwd);
    }
    return createLedgerStore({ type: 'sqlite', path: flag }, cwd);
  }
  return createLedgerStore(config, baseDir);
}
