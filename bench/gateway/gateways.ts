import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVED_MODEL } from '../bench-text.ts';
import type { GatewayOp, LoadTarget } from './gateway-job.ts';

/** A gateway under test: how to start it and where the load generator sends requests through it. */
export interface GatewayUnderTest {
  /** A short id. */
  id: string;
  /** What it is, for RESULTS.md. */
  describe: string;
  /** The Node arguments (script first) and environment that start it on `port`, forwarding to the fake provider. */
  command(port: number, fake: string, tmpDir: string): { args: string[]; env?: Record<string, string> };
  /** The target through it for `op`. `spec` is the fake provider's control prefix (`chunks=100,tag=…`). */
  target(port: number, fake: string, spec: string, op: GatewayOp): LoadTarget;
  /** True when it serves `POST /v1/responses` in front of a Chat Completions provider (the `responses` op). @default false */
  responses?: boolean;
}

const here = import.meta.dirname;
const root = join(here, '..', '..');
const KEY = 'sy-bench-gateway-key-000000001';
const UPSTREAM_AUTH = { authorization: 'Bearer sk-bench-upstream' };
const origin = (port: number) => `http://127.0.0.1:${port}`;

/** A bare reverse proxy: the client's path (with the fake provider's control prefix) goes through unchanged. */
function bare(id: string, describe: string, script: string): GatewayUnderTest {
  return {
    id,
    describe,
    command: (port, fake) => ({ args: [join(here, 'servers', script), '--port', String(port), '--upstream', fake] }),
    target: (port, _fake, spec) => ({ origin: origin(port), path: `/c/${spec}/v1/chat/completions`, headers: UPSTREAM_AUTH, model: 'gpt-4o' }),
  };
}

/** Every gateway of the gateway mode; `bare-proxy` is the floor the CPU ratios are taken to. */
export const GATEWAYS: GatewayUnderTest[] = [
  bare('bare-proxy', '`node:http` in, undici out, bodies piped, nothing parsed: the floor of any Node gateway (`servers/bare-proxy.ts`)', 'bare-proxy.ts'),
  bare('hono-proxy', 'the same proxy on Hono 4 with `@hono/node-server` 2 (Web `Request`/`Response` over `node:http`): what the server library costs', 'hono-proxy.ts'),
  bare('fastify-proxy', 'the same proxy on Fastify 5 (bodies kept as bytes): what the server library costs', 'fastify-proxy.ts'),
  {
    id: 'switchyard',
    describe: '`switchyard serve` (`node:http`, this repository, the built package: `dist/src/cli/main.js`): one virtual key, an alias of two targets (fallback chain), circuit breakers, the SQLite ledger on',
    command(port, fake, tmpDir) {
      const config = join(tmpDir, 'switchyard.yaml');
      const base = (tag: string) => `${fake}/c/chunks=100,tag=${tag}/v1`;
      writeFileSync(config, [
        'providers:',
        `  primary: { type: openai, apiKey: sk-bench-upstream, baseURL: "${base('gw-primary')}" }`,
        `  fallback: { type: openai, apiKey: sk-bench-upstream, baseURL: "${base('gw-fallback')}" }`,
        'models:',
        `  chat: { targets: [{ provider: primary, model: ${SERVED_MODEL} }, { provider: fallback, model: ${SERVED_MODEL} }] }`,
        'versions: { retirementWarningDays: 0 }',
        'gateway:',
        `  keys: [{ key: ${KEY}, name: bench, tags: { tenant: bench } }]`,
        '',
      ].join('\n'));
      // The built CLI (`npm run bench` builds first), as `npx switchyard serve` runs it.
      return { args: [join(root, 'dist', 'src', 'cli', 'main.js'), 'serve', '--config', config, '--port', String(port), '--data-dir', tmpDir] };
    },
    target: (port, _fake, _spec, op) => ({ origin: origin(port), path: op === 'responses' ? '/v1/responses' : '/v1/chat/completions', headers: { authorization: `Bearer ${KEY}` }, model: 'chat' }),
    responses: true,
  },
  {
    id: 'portkey',
    describe: 'Portkey AI gateway (`@portkey-ai/gateway` from npm, `build/start-server.js --headless`, NODE_ENV=production), forwarding with `x-portkey-provider: openai` and `x-portkey-custom-host`',
    command: (port) => ({ args: [join(root, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${port}`, '--headless'], env: { NODE_ENV: 'production' } }),
    target: (port, fake, spec) => ({ origin: origin(port), path: '/v1/chat/completions', headers: { ...UPSTREAM_AUTH, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${fake}/c/${spec}/v1` }, model: 'gpt-4o' }),
  },
];
