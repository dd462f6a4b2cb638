import type { Cost } from '../types/cost.ts';
import type { Meter, MeterTarget } from '../types/meter.ts';
import { createBudgetRules } from './budget-rules.ts';
import type { BudgetStore } from './budget-store.ts';
import { isCapacityBilling, type CapacityBilling } from './capacity-cost.ts';
import type { CostReport, CostReportOptions } from './cost-report-types.ts';
import { createBudgetGuard, NO_RESERVATION } from './create-budget-guard.ts';
import { createLedgerStore } from './create-ledger-store.ts';
import { createCapacityPricer } from './create-capacity-pricer.ts';
import { toLedgerRecord, type LedgerAttemptEvent } from './ledger-record.ts';
import type { LastServedRow, LedgerStore } from './ledger-store.ts';
import { createLedgerWriter, type LedgerWriterOptions } from './ledger-writer.ts';
import { createMemoryBudgetStore } from './memory-budget-store.ts';
import type { MeterEmit } from './meter-events.ts';
import type { BillingConfig, BudgetConfig, LedgerConfig, PriceOverridesConfig } from './metering-config-schema.ts';
import { toCost } from './nano-usd.ts';
import { parseReportTime } from './parse-report-time.ts';
import type { PostgresLedgerStore } from './postgres-ledger-store.ts';
import { createPriceBook, type PriceBook, type PriceBookSettings } from './price-book.ts';
import { isReportDimension } from './report-dimension.ts';
import { lazyModule } from '../runtime/lazy-module.ts';

// Loaded when needed: the PostgreSQL budget store with a PostgreSQL ledger, the report builder for a cost report.
const postgresBudgets = lazyModule<typeof import('./postgres-budget-store.ts')>('src/metering/postgres-budget-store.ts');
const reports = lazyModule<typeof import('./build-cost-report.ts')>('src/metering/build-cost-report.ts');

/** The keys of one `providers.<id>` entry that metering reads (the entry may hold more). */
export interface MeterProviderConfig {
  /** `openai`, `azure-openai`, `vertex`, `coreweave`, `oci`, or a custom type. */
  type: string;
  /** Price overrides, USD per million tokens. */
  prices?: PriceOverridesConfig | undefined;
  /** How the provider bills. @default `{ type: per-token }` */
  billing?: BillingConfig | undefined;
  /** Azure: deployment name -> `{ model }`, the model version whose price applies. */
  deployments?: Record<string, { model?: string | undefined }> | undefined;
}

/** The validated config sections `createMeterFromConfig` reads. */
export interface MeterConfig {
  providers: Record<string, MeterProviderConfig>;
  budgets?: readonly BudgetConfig[] | undefined;
  /** Where each of `budgets` is in the config (`gateway.keys[0].budgets[1]`), for messages. @default `budgets[i]` */
  budgetPaths?: readonly string[] | undefined;
  /** @default `{ type: sqlite, path: .switchyard/ledger.sqlite }` (relative to `cwd`) */
  ledger?: LedgerConfig | undefined;
}

/** Options of `createMeterFromConfig`. */
export interface CreateMeterOptions {
  /** Resolves a relative sqlite ledger path. @default process.cwd() */
  cwd?: string | undefined;
  /** Receives `budget` and `warning` events. @default ignore them */
  emit?: MeterEmit | undefined;
  /** The clock (ms since the epoch), for budgets periods and report bounds. @default Date.now */
  now?: (() => number) | undefined;
  /** A ledger store to use instead of the config's `ledger` (a custom store); it is not closed by `close()`. */
  ledgerStore?: LedgerStore | undefined;
  /** A budget store. @default PostgreSQL when the ledger is PostgreSQL, else in memory */
  budgetStore?: BudgetStore | undefined;
  /**
   * Makes the budget store from the ledger (to read a period's spend): the shared state's Redis store. Used when
   * `budgetStore` is not given; returning undefined keeps the default.
   */
  createBudgetStore?: ((ledger: LedgerStore) => BudgetStore | undefined) | undefined;
  /** Batching of ledger writes. */
  writer?: LedgerWriterOptions | undefined;
  /** Output tokens assumed when a request sets no `maxTokens`, for estimates. @default 4096 */
  defaultMaxOutputTokens?: number | undefined;
  /** Default prices. @default the `@pydantic/genai-prices` data */
  priceDefaults?: PriceBookSettings['defaults'] | undefined;
}

/** The meter the router uses, plus reporting. */
export interface SwitchyardMeter extends Meter {
  /** A cost report over a period; waits for pending ledger writes first. */
  costReport(options: CostReportOptions): Promise<CostReport>;
  /** The served version last seen per alias, provider and model (for `switchyard pins`). */
  lastServed(): Promise<LastServedRow[]>;
  readonly ledger: LedgerStore;
  readonly priceBook: PriceBook;
}

const ZERO: Cost = { usd: 0, nanoUsd: 0 };

/**
 * Builds the meter from the config's `providers` (types, `prices`, `billing`, Azure `deployments`), `budgets`
 * and `ledger`. When the config has no `ledger`, usage goes to the embedded SQLite file
 * `.switchyard/ledger.sqlite` under `cwd`.
 *
 * @example
 * const meter = createMeterFromConfig(config, { emit: (name, payload) => events.emit(name, payload) });
 * const report = await meter.costReport({ since: '7d', groupBy: ['provider', 'day'] });
 */
export function createMeterFromConfig(config: MeterConfig, options: CreateMeterOptions = {}): SwitchyardMeter {
  const now = options.now ?? Date.now;
  const emit: MeterEmit = (name, payload) => {
    try {
      options.emit?.(name, payload);
    } catch {
      // A listener's error must not break a call.
    }
  };
  const providerTypes: Record<string, string> = {};
  const capacity: Record<string, CapacityBilling> = {};
  const deployments: Record<string, Record<string, { model?: string }>> = {};
  for (const [id, provider] of Object.entries(config.providers)) {
    providerTypes[id] = provider.type;
    if (isCapacityBilling(provider.billing)) capacity[id] = provider.billing;
    if (provider.deployments) deployments[id] = provider.deployments;
  }
  const priceBook = createPriceBook({
    providerTypes,
    overrides: Object.fromEntries(Object.entries(config.providers).map(([id, p]) => [id, p.prices])),
    ...(options.priceDefaults ? { defaults: options.priceDefaults } : {}),
  });
  const ownStore = options.ledgerStore === undefined;
  const store = options.ledgerStore ?? createLedgerStore(config.ledger, options.cwd);
  const writer = createLedgerWriter(store, {
    ...options.writer,
    onError: (error, records) => {
      options.writer?.onError?.(error, records);
      emit('warning', { code: 'ledger-write-failed', message: `Could not write ${records} ledger record(s) to ${store.name}: ${(error as Error)?.message ?? error}` });
    },
  });
  const budgetStore =
    options.budgetStore ??
    options.createBudgetStore?.(store) ??
    (config.ledger?.type === 'postgres' && ownStore
      ? postgresBudgets().createPostgresBudgetStore(store as PostgresLedgerStore)
      : createMemoryBudgetStore((filter) => store.sumCost(filter)));
  const settling = new Set<Promise<void>>();
  const budgetRules = createBudgetRules(config.budgets ?? [], config.budgetPaths);
  const guard = createBudgetGuard({
    rules: budgetRules,
    store: budgetStore,
    emit,
    now,
    track: (work) => {
      const tracked = work
        .catch((error: unknown) => emit('warning', { code: 'budget-store-failed', message: `Could not settle a budget reservation: ${(error as Error)?.message ?? error}` }))
        .finally(() => settling.delete(tracked));
      settling.add(tracked);
    },
  });
  const UNCOVERED = Promise.resolve(NO_RESERVATION);
  const pricer = createCapacityPricer({ priceBook, capacity, deployments, emit, ...(options.defaultMaxOutputTokens !== undefined ? { defaultMaxOutputTokens: options.defaultMaxOutputTokens } : {}) });
  const estimate = (target: MeterTarget, request: Parameters<Meter['estimate']>[1]): number | null => pricer.estimate(target, request, now());

  return {
    ledger: store,
    priceBook,
    price(target, usage, at, servedModel, served) {
      const nano = pricer.price(target, usage, at, servedModel, served);
      return nano === null ? null : nano === 0n ? ZERO : toCost(nano);
    },
    estimate,
    // The hot path: a call no budget covers costs no estimate and no store round trip.
    reserve: (target, request) => (budgetRules.some((rule) => rule.covers(target)) ? guard(target, estimate(target, request)) : UNCOVERED),
    covers: (target) => budgetRules.some((rule) => rule.covers(target)),
    record(event: LedgerAttemptEvent) {
      try {
        // The router prices attempts itself (event.cost: null when unknown, 0 for an error answer that billed nothing).
        // Events from elsewhere (no cost field) are priced here, at their capacity; without usage, an error answer billed
        // nothing, while an abort may have been billed for tokens never reported.
        let cost: bigint | null;
        if (event.cost) cost = BigInt(event.cost.nanoUsd);
        // Without usage on a capacity-billed provider (an abort): nothing per token, as on its capacity.
        else if (capacity[event.provider] && !event.usage) cost = 0n;
        else if (event.cost === null) cost = null;
        else if (event.usage) {
          const target = { alias: event.alias, provider: event.provider, model: event.model, ...(event.tags ? { tags: event.tags } : {}) };
          cost = pricer.price(target, event.usage, event.startedAt, event.servedModel, event.capacity);
        } else cost = event.outcome === 'aborted' ? null : 0n;
        writer.push(toLedgerRecord(event, cost));
      } catch (error) {
        emit('warning', { code: 'ledger-write-failed', message: `Could not record an attempt: ${(error as Error)?.message ?? error}`, provider: event?.provider });
      }
    },
    async flush() {
      await writer.flush();
      await Promise.all([...settling]);
    },
    async close() {
      await writer.flush();
      await Promise.all([...settling]);
      await writer.close();
      await budgetStore.close();
      if (ownStore) await store.close();
    },
    async costReport(report) {
      await writer.flush();
      const at = now();
      const since = parseReportTime(report.since, at);
      const until = report.until === undefined ? at : parseReportTime(report.until, at);
      if (since === null || until === null) throw new RangeError(`costReport: since and until must be a Date, ms, an ISO date or a span such as 7d; got ${String(since === null ? report.since : report.until)}`);
      const groupBy = report.groupBy ?? ['provider'];
      const bad = groupBy.filter((d) => !isReportDimension(d));
      if (bad.length > 0) throw new RangeError(`costReport: cannot group by ${bad.join(', ')}; use provider, model, alias, day, hour, capacity or tag:<name>`);
      return reports().buildCostReport({ store, capacity, since, until, groupBy });
    },
    lastServed: () => store.lastServed(),
  };
}
