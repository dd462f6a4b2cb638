import type { Clock } from '../resilience/clock.ts';
import type { EmitEvent } from '../router/switchyard-events.ts';
import { lazyModule } from '../runtime/lazy-module.ts';
import { createMemoryStateStore } from './memory-state-store.ts';
import type { StateConfig } from './state-config-schema.ts';
import type { StateStore } from './state-store.ts';

/** What the store needs beside its config. */
export interface StateStoreDeps {
  clock: Clock;
  /** Delivers `warning` events (Redis outages and recoveries). */
  emit: EmitEvent;
}

// The Redis store (its script, link, budget store and node:crypto) is loaded only for `state.type: redis`.
const redis = lazyModule<typeof import('./redis-state-store.ts')>('src/state/redis-state-store.ts');

/** The state store a config's `state` asks for: in memory (the default), or shared through Redis. */
export function createStateStore(config: StateConfig | undefined, deps: StateStoreDeps): StateStore {
  if (config === undefined || config.type === 'memory') return createMemoryStateStore(deps.clock);
  return redis().createRedisStateStore(config, deps);
}
