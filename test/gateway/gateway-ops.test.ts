import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { startGateway, useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const run = promisify(execFile);
const upstreams = useMockUpstreams(2);
const SERVED = 'gpt-4o-2024-08-06';
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function setUp() {
  const [down, up] = upstreams;
  if (!down || !up) throw new Error('no upstreams');
  down.use(...createOpenAIMock({ baseURL: `${down.origin}/v1`, script: { type: 'error', status: 503 } }).handlers);
  up.use(...createOpenAIMock({ baseURL: `${up.origin}/v1`, script: { type: 'text', text: 'Hello from the fallback', chunks: 3, usage: { inputTokens: 10, outputTokens: 4 } }, servedModel: SERVED }).handlers);
  gw = await startGateway({
    providers: { down: { type: 'openai', apiKey: 'sk-down-secret', baseURL: `${down.origin}/v1` }, up: { type: 'openai', apiKey: 'sk-up-secret', baseURL: `${up.origin}/v1` } },
    models: { chat: { targets: [{ provider: 'down', model: SERVED }, { provider: 'up', model: SERVED }], circuitBreaker: { consecutiveFailures: 2, cooldownMs: 60_000 } } },
  });
  return gw;
}

const post = (url: string, body: unknown) => fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
const hi = [{ role: 'user', content: 'Hi' }];

/** The value of the sample `name{labels}` in a Prometheus text body, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    // Label values may hold spaces: the labels end at the last `} `.
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length, line.lastIndexOf('} ') + 1) : '';
    if (want.every((w) => labelText.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('gateway health and metrics', () => {
  it('should answer /healthz and /readyz', async () => {
    const gw = await setUp();
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${gw.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('should count requests, attempts by outcome, failovers, tokens, cost, latency and circuits in Prometheus text', async () => {
    const gw = await setUp();
    expect((await post(gw.url, { model: 'chat', messages: hi })).status).toBe(200);
    const streamed = await post(gw.url, { model: 'chat', stream: true, messages: hi });
    await streamed.text();
    expect((await post(gw.url, { model: 'nope', messages: hi })).status).toBe(404);
    const response = await fetch(`${gw.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    // Every line is a comment or a valid sample.
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|\+Inf))$/);
    for (const family of ['switchyard_gateway_requests_total', 'switchyard_attempts_total', 'switchyard_circuit_state']) expect(text.match(new RegExp(`^# TYPE ${family} `, 'gm'))).toHaveLength(1);
    expect(sample(text, 'switchyard_gateway_requests_total', { route: '/v1/chat/completions', status: '200' })).toBe(2);
    expect(sample(text, 'switchyard_gateway_requests_total', { route: '/v1/chat/completions', status: '404' })).toBe(1);
    expect(sample(text, 'switchyard_attempts_total', { provider: 'down', operation: 'chat', outcome: 'error', code: 'unavailable' })).toBe(1);
    expect(sample(text, 'switchyard_attempts_total', { provider: 'down', operation: 'stream', outcome: 'error', code: 'unavailable' })).toBe(1);
    expect(sample(text, 'switchyard_attempts_total', { provider: 'up', operation: 'stream', outcome: 'success' })).toBe(1);
    expect(sample(text, 'switchyard_failovers_total', { alias: 'chat', from: `down/${SERVED}`, to: `up/${SERVED}`, code: 'unavailable' })).toBe(2);
    expect(sample(text, 'switchyard_tokens_total', { provider: 'up', type: 'input' })).toBe(20);
    expect(sample(text, 'switchyard_tokens_total', { provider: 'up', type: 'output' })).toBe(8);
    // 2 × (10 × $2.50 + 4 × $10) per million = $0.00013 = 130,000 nano-USD.
    expect(sample(text, 'switchyard_cost_nano_usd_total', { provider: 'up' })).toBe(130_000);
    expect(sample(text, 'switchyard_time_to_first_token_seconds_count', { provider: 'up' })).toBe(1);
    expect(sample(text, 'switchyard_attempt_duration_seconds_count', { provider: 'down', operation: 'chat' })).toBe(1);
    expect(sample(text, 'switchyard_gateway_request_duration_seconds_bucket', { route: '/v1/chat/completions', le: '+Inf' })).toBe(3);
    // Two failures in a row opened the primary's circuit.
    expect(sample(text, 'switchyard_circuit_state', { alias: 'chat', provider: 'down' })).toBe(2);
    expect(sample(text, 'switchyard_circuit_state', { alias: 'chat', provider: 'up' })).toBe(0);
    expect(sample(text, 'switchyard_target_rate_limit_remaining', { provider: 'up', kind: 'requests' })).toBe(4999);
    expect(sample(text, 'switchyard_gateway_draining', {})).toBe(0);
    expect(text).not.toContain('sk-');
  });
});

describe('gateway metrics from health()', () => {
  it("should show each target's limit headroom: how long a provider's signal keeps it skipped, and where the state comes from", async () => {
    const [limited, open] = upstreams;
    if (!limited || !open) throw new Error('no upstreams');
    // The primary answers, and says it has no requests left for 20 s: the router skips it until then.
    limited.use(...createOpenAIMock({ baseURL: `${limited.origin}/v1`, script: { type: 'text', text: 'last one' }, servedModel: SERVED, responseHeaders: () => ({ 'x-request-id': 'req_1', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s', 'x-ratelimit-remaining-tokens': '1200' }) }).handlers);
    open.use(...createOpenAIMock({ baseURL: `${open.origin}/v1`, script: { type: 'text', text: 'from the second' }, servedModel: SERVED }).handlers);
    gw = await startGateway({
      providers: { limited: { type: 'openai', apiKey: 'sk-limited-secret', baseURL: `${limited.origin}/v1` }, open: { type: 'openai', apiKey: 'sk-open-secret', baseURL: `${open.origin}/v1` } },
      models: { chat: { targets: [{ provider: 'limited', model: SERVED }, { provider: 'open', model: SERVED }] } },
    });
    expect((await post(gw.url, { model: 'chat', messages: hi })).headers.get('x-switchyard-provider')).toBe('limited');
    expect((await post(gw.url, { model: 'chat', messages: hi })).headers.get('x-switchyard-provider')).toBe('open');
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    const seconds = sample(text, 'switchyard_target_limit_exhausted_seconds', { alias: 'chat', provider: 'limited', by: 'x-ratelimit-remaining-requests: 0' });
    expect(seconds).toBeGreaterThan(15);
    expect(seconds).toBeLessThanOrEqual(20);
    expect(sample(text, 'switchyard_target_limit_exhausted_seconds', { alias: 'chat', provider: 'open', by: '' })).toBe(0);
    expect(sample(text, 'switchyard_target_rate_limit_remaining', { provider: 'limited', kind: 'tokens' })).toBe(1200);
    expect(sample(text, 'switchyard_state_source', { type: 'memory', source: 'memory' })).toBe(1);
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|\+Inf))$/);
  });
});

describe('gateway with curl', () => {
  const haveCurl = () => run('curl', ['--version']).then(() => true, () => false);

  it('should answer curl’s JSON and streaming requests', async (context) => {
    if (!(await haveCurl())) context.skip('curl is not installed');
    const gw = await setUp();
    const body = JSON.stringify({ model: 'chat', messages: hi });
    const { stdout: head } = await run('curl', ['-sS', '-i', `${gw.url}/v1/chat/completions`, '-d', body]);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toMatch(/^x-switchyard-provider: up\r$/m);
    expect(head).toMatch(/^x-switchyard-attempts: 2\r$/m);
    expect(JSON.parse(head.slice(head.indexOf('\r\n\r\n') + 4)).choices[0].message.content).toBe('Hello from the fallback');
    const { stdout: sse } = await run('curl', ['-sS', '-N', '-H', 'content-type: application/json', `${gw.url}/v1/chat/completions`, '-d', JSON.stringify({ model: 'chat', stream: true, messages: hi })]);
    const events = sse.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.slice(0, -1).map((e) => JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '').join('')).toBe('Hello from the fallback');
  });
});
