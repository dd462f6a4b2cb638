import { gatewayConfigSchema, gatewayCorsSchema, gatewayKeySchema } from '../gateway/gateway-config-schema.ts';
import { documentKeys } from './document-keys.ts';

/**
 * Documents the `gateway` section (`switchyard serve`, `createGateway` from `switchyard/gateway`) for
 * `npm run docs:config`. Kept here rather than beside the schema in `src/gateway/`, which documents nothing itself;
 * the defaults are those of `createGateway`.
 */
export function documentGatewayConfig(): void {
  documentKeys(gatewayConfigSchema, {
    keys: {
      description: 'Virtual keys: who may call the gateway, with what tags, aliases and budgets. Without keys no key is asked for, and `switchyard serve` binds only to loopback (unless `--insecure-no-auth`).',
    },
    maxBodyBytes: { description: 'The largest request body accepted, in bytes; a larger one is answered 413.', default: 10 * 1024 * 1024 },
    maxConcurrentRequests: { description: 'API requests served at once; more are answered 503 with `retry-after: 1` (health and metrics routes do not count).', defaultText: 'no limit' },
    drainMs: { description: 'On SIGTERM, SIGINT or `close()`: how long requests and streams in flight may take to finish before they are aborted (and metered as aborted). In milliseconds.', default: 30_000 },
    cors: { description: 'CORS for browser clients: `true` allows any origin, `{ origins }` the ones listed; `false` sends no CORS headers.', default: false },
  }, 'gateway');

  documentKeys(gatewayKeySchema, {
    key: {
      description: 'The secret a client sends as `Authorization: Bearer <key>`: a `${ENV}` reference (at least 16 characters once replaced), or `sha256:` and the 64 lower-case hex digits of its SHA-256 (`printf %s "$KEY" | sha256sum`), so that the config holds no secret. Compared in constant time, never logged.',
      examples: ['${SEARCH_KEY}', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    },
    name: { description: 'The key\'s name (1 to 64 letters, digits, `_`, `.`, `@` or `-`): recorded in the ledger as the tag `key`, in metrics and logs. Never secret.', examples: ['search'] },
    tags: { description: 'Metering tags recorded with every request made with the key (`switchyard report --by tag:tenant`). The tag `key` is the gateway\'s own.', examples: [{ tenant: 'search' }] },
    aliases: { description: 'The aliases (or `providerId:model` addresses) the key may call; any other is answered 403.', defaultText: 'every alias and address' },
    budgets: { description: 'Budgets that count only this key\'s requests: the fields of a top-level budget (`budgets[]`), without `tag`.', examples: [[{ period: 'day', limitUsd: 200 }]] },
  }, 'gateway.keys[]');

  const [, origins] = gatewayCorsSchema.options;
  documentKeys(origins, {
    origins: { description: 'The origins allowed (`https://app.example.com`), or `[\'*\']` for any.' },
    maxAgeS: { description: 'How long a browser may cache the answer to a preflight request, in seconds.', default: 600 },
  }, 'gateway.cors');
}
