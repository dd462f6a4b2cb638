import type * as Library from './library.ts';
import { lazyModule } from './runtime/lazy-module.ts';

// `import 'switchyard'` loads only the errors, the types and these stand-ins: each loads the implementation on its
// first call (synchronously), so that a process that only imports pays nothing for zod, the price data or undici.
// What `createSwitchyard` never needs (the PostgreSQL store, invoices) is a part of its own, loaded by its own call.
const library: () => typeof Library = lazyModule('src/library.ts');
const postgres = lazyModule<typeof import('./metering/postgres-ledger-store.ts')>('src/metering/postgres-ledger-store.ts');
const invoices = lazyModule<typeof import('./metering/read-invoice.ts')>('src/metering/read-invoice.ts');
const reconciliation = lazyModule<typeof import('./metering/reconcile-costs.ts')>('src/metering/reconcile-costs.ts');

/**
 * Creates a Switchyard from a config object or the path of a YAML or JSON file, validated at once (every problem
 * together, as a `ConfigError`). See `Switchyard` and the README.
 * @example
 * const sy = createSwitchyard('switchyard.yaml');
 * const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hello' }] });
 */
export const createSwitchyard: typeof Library.createSwitchyard = (config, options) => library().createSwitchyard(config, options);

/** Loads and validates a config (an object, or a YAML or JSON file) without creating providers; throws `ConfigError` with every problem. */
export const loadConfig: typeof Library.loadConfig = (config, options) => library().loadConfig(config, options);

/** Adds OpenTelemetry spans and metrics to a Switchyard (`createSwitchyard` does unless `telemetry: false`). */
export const withTelemetry: typeof Library.withTelemetry = (sy, settings) => library().withTelemetry(sy, settings);

/** A transport on a WHATWG `fetch` (the global one, looked up per call, so that msw's `setupServer` sees it). */
export const createFetchTransport: typeof Library.createFetchTransport = (fetchImpl) => library().createFetchTransport(fetchImpl);

/** The default transport: undici's `request` on a keep-alive pool per origin, proxy variables read when created. */
export const createUndiciTransport: typeof Library.createUndiciTransport = (settings) => library().createUndiciTransport(settings);

/** The meter `createSwitchyard` builds from the config's `ledger`, `budgets`, `prices` and `billing`. */
export const createMeterFromConfig: typeof Library.createMeterFromConfig = (config, options) => library().createMeterFromConfig(config, options);

/** Opens the ledger store a `ledger` config section describes (absent: the SQLite file `.switchyard/ledger.sqlite`). */
export const createLedgerStore: typeof Library.createLedgerStore = (config, cwd) => library().createLedgerStore(config, cwd);

/** A ledger kept in this process only. */
export const createMemoryLedgerStore: typeof Library.createMemoryLedgerStore = () => library().createMemoryLedgerStore();

/** The embedded ledger: a `node:sqlite` file in WAL mode, migrated on open. */
export const createSqliteLedgerStore: typeof Library.createSqliteLedgerStore = (path) => library().createSqliteLedgerStore(path);

/** The shared ledger in PostgreSQL (through `pg`), migrated on first use. */
export const createPostgresLedgerStore: typeof import('./metering/postgres-ledger-store.ts').createPostgresLedgerStore = (settings) => postgres().createPostgresLedgerStore(settings);

/** The prices used to cost each attempt: config overrides, then the bundled `@pydantic/genai-prices` data. */
export const createPriceBook: typeof Library.createPriceBook = (settings) => library().createPriceBook(settings);

/** Reads an Azure cost details export or a Google Cloud billing export (CSV). */
export const readInvoice: typeof import('./metering/read-invoice.ts').readInvoice = (text) => invoices().readInvoice(text);

/** Compares the ledger's cost with an invoice, per provider and day. */
export const reconcileCosts: typeof import('./metering/reconcile-costs.ts').reconcileCosts = (input) => reconciliation().reconcileCosts(input);
