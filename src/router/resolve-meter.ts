import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import { createMeterFromConfig } from '../metering/create-meter-from-config.ts';
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
}

/**
 * The meter a Switchyard instance uses: `options.meter` when given, else one built from the config's
 * `ledger`, `budgets` and each provider's `prices` and `billing` (the ledger defaults to the embedded
 * SQLite file, relative to the config file's directory).
 */
export function resolveMeter(config: SwitchyardConfig, options: ResolveMeterOptions): Meter {
  if (options.meter) return options.meter;
  return createMeterFromConfig(config, {
    cwd: config.baseDir,
    now: options.now,
    emit: (name, payload) => options.emit(name, payload as never),
  });
}
