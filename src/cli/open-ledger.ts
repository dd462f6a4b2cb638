import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerError } from '../errors/ledger-error.ts';
import { createLedgerStore } from '../metering/create-ledger-store.ts';
import { DEFAULT_LEDGER_PATH } from '../metering/default-ledger-path.ts';
import type { LedgerStore } from '../metering/ledger-store.ts';
import type { LedgerConfig } from '../metering/metering-config-schema.ts';

/**
 * Opens the ledger a command reads: `--ledger` when given (a `postgres://` URL, or a SQLite file relative to
 * `cwd`), else the config's `ledger` (a relative path resolves against the config file's directory, as when
 * Switchyard wrote it), else the default `.switchyard/ledger.sqlite` there. A SQLite ledger that does not exist is
 * a `LedgerError` naming the path: opening it would create an empty file and report nothing, silently.
 */
export function openLedger(flag: string | undefined, config: LedgerConfig | undefined, baseDir: string, cwd: string): LedgerStore {
  if (flag !== undefined) {
    if (/^postgres(ql)?:\/\//.test(flag)) {
      const table = config?.type === 'postgres' ? config.table : undefined;
      return createLedgerStore({ type: 'postgres', url: flag, ...(table !== undefined ? { table } : {}) }, cwd);
    }
    requireFile(resolve(cwd, flag), 'check the --ledger path');
    return createLedgerStore({ type: 'sqlite', path: flag }, cwd);
  }
  const ledger = config ?? { type: 'sqlite' as const };
  if (ledger.type === 'sqlite' && ledger.path !== ':memory:') {
    requireFile(resolve(baseDir, ledger.path ?? DEFAULT_LEDGER_PATH), ledger.path === undefined ? `the config sets no ledger, so this is the default; pass --ledger PATH to read another` : 'check ledger.path in the config, or pass --ledger PATH');
  }
  return createLedgerStore(ledger, baseDir);
}

function requireFile(path: string, hint: string): void {
  if (!existsSync(path)) throw new LedgerError(`there is no ledger at ${path}: nothing was recorded there, or the path is wrong (${hint}).`, { ledger: `sqlite:${path}` });
}
