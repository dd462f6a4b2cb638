import { documentKeys, documentSchema } from '../config/document-keys.ts';
import { DEFAULT_LIMIT_OUTPUT_TOKENS } from './estimate-limit-tokens.ts';
import { aliasLimitsConfigSchema, limitsConfigSchema } from './limits-config-schema.ts';
import { REDIS_STATE_DEFAULTS } from './redis-state-store.ts';
import { stateConfigSchema } from './state-config-schema.ts';

/**
 * Documents `state` and the `limits` objects (on a provider, a target, an alias and `defaults`) for
 * `npm run docs:config`. Defaults are the ones the code applies (`REDIS_STATE_DEFAULTS`, the limit estimate's).
 */
export function documentStateConfig(): void {
  documentSchema(stateConfigSchema, {
    description: 'What the instances of an application share: circuit breakers, limits, budgets, provider rate-limit signals and latency averages. `memory`: this process only; `redis`: every instance on the same Redis (or Valkey) and `keyPrefix` (needs the optional package `redis`: `npm install redis@^6`).',
  });
  const [, redis] = stateConfigSchema.options;
  documentKeys(redis, {
    url: {
      description: 'The Redis server: `redis://` or `rediss://` (TLS), with the user and password in the URL and the database number as its path (`redis://:pw@redis.internal:6379/2`). Checked when the config is loaded; errors never quote it.',
      examples: ['${REDIS_URL}'],
    },
    keyPrefix: { description: 'The prefix of every key Switchyard writes and of its pub/sub channel, so that several deployments can share one Redis: instances with the same prefix share their state.', default: REDIS_STATE_DEFAULTS.keyPrefix },
    timeoutMs: { description: 'The longest one Redis command may take before the call goes on without it (and Redis counts as unreachable). In milliseconds.', default: REDIS_STATE_DEFAULTS.timeoutMs },
    onUnavailable: {
      description: 'While Redis is unreachable: `local` carries on with this process\'s own state (each fleet limit and what is left of each budget divided among the instances last seen), with one `warning` event per outage; `fail` fails calls with `StateUnavailableError` (code `state_unavailable`).',
      default: REDIS_STATE_DEFAULTS.onUnavailable,
    },
  }, 'state (redis)');

  documentSchema(limitsConfigSchema, { title: 'limits' });
  documentKeys(limitsConfigSchema, {
    requestsPerMinute: { description: 'The most requests started in any 60 seconds, counted across every instance that shares `state`. A target at the limit is skipped without a request (its attempt is `skipped`, reason `limit: …`).' },
    tokensPerMinute: {
      description: `The most tokens in any 60 seconds, across the instances that share \`state\`. Each request is counted for its prompt's estimate (about 4 characters per token) plus \`maxTokens\` (${DEFAULT_LIMIT_OUTPUT_TOKENS} when unset) before it is sent, and settled to its reported usage after. A request larger than the limit fails at once.`,
    },
    maxConcurrency: { description: 'The most requests in flight at once, across the instances that share `state`.' },
  }, 'limits');

  documentSchema(aliasLimitsConfigSchema, { title: 'models.<alias>.limits' });
  documentKeys(aliasLimitsConfigSchema, {
    queueMs: {
      description: 'How long a call may wait for capacity when every target is at one of its `limits` (within the call\'s deadline); then it fails with `RateLimitError` (`local: true`). In milliseconds; 0 fails at once.',
      default: 0,
    },
  }, 'models.<alias>.limits');
}
