import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import { gatewayKeyBudgets } from '../gateway/gateway-key-budgets.ts';
import { createMeterFromConfig } from '../metering/create-meter-from-config.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Meter } from '../types/meter.ts';
import type { EmitEvent } from './switchyard-events.ts';

/** What `resolveMeter` needs beside the config. */
export interface ResolveMeterOptions {
  /** A meter to use as is (a custom meter, or one shared between instances). */
  meter?: Meter;
  /** Forwards metering's `budget` and `warning` events. */
  emit: EmitEvent;
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** The shared state: with Redis, budgets reserve and settle there. */
  state?: StateStore;
}

/**
 * The meter a Switchyard instance uses: `options.meter` when given, else one built from the config's
 * `ledger`, `budgets` (with those of `gateway.keys`) and each provider's `prices` and `billing` (the ledger defaults to
 * the embedded SQLite file, relative to the config file's directory). With `state.type: redis`, budgets are kept in Redis.
 */
export function resolveMeter(config: SwitchyardConfig, options: ResolveMeterOptions): Meter {
  if (options.meter) return options.meter;
  const state = options.state;
  // The gateway's per-key budgets are budgets like the others, each covering one key's tag.
  const keys = gatewayKeyBudgets(config.gateway);
  const budgets = config.budgets ?? [];
  const withKeys = keys.budgets.length === 0 ? config : { ...config, budgets: [...budgets, ...keys.budgets], budgetPaths: [...budgets.map((_, i) => `budgets[${i}]`), ...keys.paths] };
  return createMeterFromConfig(withKeys, {
    cwd: config.baseDir,
    now: options.now,
    emit: (name, payload) => options.emit(name, payload as never),
    ...(state ? { createBudgetStore: (ledger) => state.budgetStore((filter) => ledger.sumCost(filter)) } : {}),
  });
}
