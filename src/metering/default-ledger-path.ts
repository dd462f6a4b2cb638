/** The ledger file when the config names none, relative to the config file's directory (or the working directory). */
export const DEFAULT_LEDGER_PATH = '.switchyard/ledger.sqlite';
