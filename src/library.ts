/**
 * The functions of the main entry whose modules (and dependencies: zod, the price data, the stores) are loaded on
 * their first call rather than at `import 'switchyard'`; `on-demand.ts` loads this module then (and the parts that
 * `createSwitchyard` never needs on their own). Re-exports only.
 */
export { createSwitchyard } from './switchyard.ts';
export { loadConfig } from './config/load-config.ts';
export { withTelemetry } from './telemetry/with-telemetry.ts';
export { createFetchTransport } from './http/create-fetch-transport.ts';
export { createUndiciTransport } from './http/create-undici-transport.ts';
export { createMeterFromConfig } from './metering/create-meter-from-config.ts';
export { createLedgerStore } from './metering/create-ledger-store.ts';
export { createMemoryLedgerStore } from './metering/memory-ledger-store.ts';
export { createSqliteLedgerStore } from './metering/sqlite-ledger-store.ts';
export { createPriceBook } from './metering/price-book.ts';
