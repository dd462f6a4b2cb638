import { createRequire } from 'node:module';
import { ConfigError, type ConfigIssue } from '../errors/config-error.ts';

/** The part of node-redis (`redis` / `@redis/client`, v6) the store uses. */
export interface RedisClientLike {
  connect(): Promise<unknown>;
  duplicate(): RedisClientLike;
  on(event: 'error' | 'ready' | 'end' | 'reconnecting' | 'connect', listener: (error?: Error) => void): unknown;
  readonly isReady: boolean;
  scriptLoad(script: string): Promise<string>;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  ping(): Promise<string>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  destroy(): void;
  close(): Promise<unknown>;
}

/** What `createClient` takes (the options used). */
export interface RedisClientOptions {
  url: string;
  RESP: 2;
  disableOfflineQueue: boolean;
  socket: { connectTimeout: number; reconnectStrategy: (retries: number) => number };
}

export type CreateRedisClient = (options: RedisClientOptions) => RedisClientLike;

// node-redis rather than ioredis, by measurement: less client CPU per EVALSHA at concurrency 64, with and without a
// deadline per command (bench/RESULTS.md). `@redis/client` is node-redis's client without the modules `redis` bundles (JSON, search, …), which this store does
// not use and which double its load time; it is there whenever `redis` is installed with npm. Variable specifiers keep
// bundlers and the type checker from requiring the optional peer dependency.
const PACKAGES = ['@redis/client', 'redis'];

/** The config issue of `state.type: redis` without node-redis installed: it names the key and the install command. */
export const REDIS_MISSING: ConfigIssue = {
  path: 'state.type',
  message: 'redis shares the state through the Redis server at state.url with node-redis, the optional peer dependency redis, which is not installed: npm install redis@^6 (or remove state to keep the state in this process)',
};

/**
 * Finds node-redis without loading it (at `createSwitchyard`, so that a missing package is a `ConfigError` reported
 * with the config's other problems, not a failure of the first call). Returns the specifier to import, or undefined
 * when neither package is installed.
 */
export function findRedisClient(): string | undefined {
  const require = createRequire(import.meta.url);
  for (const name of PACKAGES) {
    try {
      require.resolve(name);
      return name;
    } catch {
      // Try the next one.
    }
  }
  return undefined;
}

/** `findRedisClient()`, or the `ConfigError` of `REDIS_MISSING`. */
export function requireRedisClient(source?: string): string {
  const specifier = findRedisClient();
  if (specifier === undefined) throw new ConfigError([REDIS_MISSING], source === undefined ? {} : { source });
  return specifier;
}

/** Loads node-redis's `createClient` (on first use of `state.type: redis`, never at import time). */
export async function loadRedisClient(specifier: string): Promise<CreateRedisClient> {
  const module = (await import(specifier)) as { createClient?: CreateRedisClient; default?: { createClient?: CreateRedisClient } };
  const create = module.createClient ?? module.default?.createClient;
  if (typeof create !== 'function') throw new Error(`${specifier} has no createClient: expected node-redis 6 (npm install redis@^6)`);
  return create;
}
