import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import type { GatewayOptions } from '../../src/gateway/gateway-options.ts';
import { startGateway, useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const upstreams = useMockUpstreams(1);
const SERVED = 'gpt-4o-2024-08-06';
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function setUp(script: ScriptStep | ScriptStep[], options: GatewayOptions = {}) {
  const upstream = upstreams[0];
  if (!upstream) throw new Error('no upstream');
  const mock = createOpenAIMock({ baseURL: `${upstream.origin}/v1`, script, servedModel: SERVED });
  upstream.use(...mock.handlers);
  gw = await startGateway({ providers: { main: { type: 'openai', apiKey: 'sk-x', baseURL: `${upstream.origin}/v1` } }, models: { chat: { targets: [{ provider: 'main', model: SERVED }] } } }, options);
  return { gw, mock, upstream };
}

const chatBody = (stream: boolean) => JSON.stringify({ model: 'chat', stream, messages: [{ role: 'user', content: 'Tell me a long story' }] });

/** Starts a streamed request and resolves once its first content chunk arrived, with a way to read the rest. */
async function startStream(url: string, signal?: AbortSignal) {
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: chatBody(true), ...(signal ? { signal } : {}) });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('"content":"') || !/"content":"[^"]/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return {
    response,
    async rest(): Promise<string[]> {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text.split('\n\n').filter(Boolean);
    },
  };
}

describe('gateway: clients that go away', () => {
  it('should abort the upstream attempt at once when the client disconnects during a chat call, metered as aborted', async () => {
    const { gw, upstream, mock } = await setUp({ type: 'hang' });
    const controller = new AbortController();
    const call = fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: chatBody(false), signal: controller.signal }).catch((e: unknown) => e);
    while (mock.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const upstreamAborted = upstream.nextAbort();
    controller.abort();
    await call;
    await upstreamAborted;
    await gw.flush();
    expect(gw.ledger.records).toHaveLength(1);
    expect(gw.ledger.records[0]).toMatchObject({ operation: 'chat', outcome: 'aborted', errorCode: 'aborted' });
  });

  it('should abort the upstream stream when the client disconnects mid-stream', async () => {
    const { gw, upstream } = await setUp({ type: 'text', text: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '), chunks: 40, chunkDelayMs: 30 });
    const controller = new AbortController();
    await startStream(gw.url, controller.signal);
    const upstreamAborted = upstream.nextAbort();
    controller.abort();
    await upstreamAborted;
    await gw.flush();
    expect(gw.ledger.records).toHaveLength(1);
    expect(gw.ledger.records[0]).toMatchObject({ operation: 'stream', outcome: 'aborted' });
    expect(gw.ledger.records[0]?.ttftMs).not.toBeNull();
  });
});

describe('gateway: drain', () => {
  it('should finish a stream in flight, refuse new connections and resolve close() once it ended', async () => {
    const { gw } = await setUp({ type: 'text', text: Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '), chunks: 20, chunkDelayMs: 20, usage: { inputTokens: 9, outputTokens: 20 } });
    const stream = await startStream(gw.url);
    const closed = gw.gateway.close();
    expect(gw.gateway.draining).toBe(true);
    // The server no longer accepts connections.
    await expect(fetch(`${gw.url}/readyz`)).rejects.toThrow();
    const events = await stream.rest();
    expect(events.at(-1)).toBe('data: [DONE]');
    await closed;
    expect(gw.gateway.inFlight).toBe(0);
    await gw.flush();
    expect(gw.ledger.records).toEqual([expect.objectContaining({ operation: 'stream', outcome: 'success', outputTokens: 20 })]);
  });

  it('should abort what is still running after drainMs, with an in-band error, metered as aborted', async () => {
    const { gw } = await setUp({ type: 'text', text: Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '), chunks: 100, chunkDelayMs: 50 }, { drainMs: 150 });
    const stream = await startStream(gw.url);
    await gw.gateway.close();
    const events = await stream.rest();
    expect(events.at(-1)).toMatch(/^data: \{"error":\{"message":"The gateway shut down: the request did not finish within gateway.drainMs \(150 ms\)\.","type":"server_error","code":"server_shutting_down","param":null\}\}$/);
    expect(events).not.toContain('data: [DONE]');
    await gw.flush();
    expect(gw.ledger.records).toEqual([expect.objectContaining({ operation: 'stream', outcome: 'aborted' })]);
    expect(gw.logs.some((l) => l.level === 'warning' && l.message.includes('1 request(s) still running'))).toBe(true);
  });

  it('should fail readiness and refuse new API requests at once when mounted in another server', async () => {
    const { gw } = await setUp({ type: 'text', text: 'Hello', chunks: 1 });
    const server: Server = createServer((req, res) => gw.gateway(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: chatBody(false) })).status).toBe(200);
      await gw.gateway.close();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', reason: 'draining' });
      const refused = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: chatBody(false) });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('server_shutting_down');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('gateway: limits', () => {
  it('should answer 503 with retry-after past maxConcurrentRequests', async () => {
    const { gw, mock } = await setUp([{ type: 'hang' }, { type: 'text', text: 'ok' }], { maxConcurrentRequests: 1 });
    const controller = new AbortController();
    const first = fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: chatBody(false), signal: controller.signal }).catch(() => undefined);
    while (mock.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: chatBody(false) });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(((await second.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'server_overloaded', message: expect.stringContaining('gateway.maxConcurrentRequests') });
    controller.abort();
    await first;
    while (gw.gateway.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    expect((await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: chatBody(false) })).status).toBe(200);
  });

  it('should answer unknown paths and methods in OpenAI’s error shape', async () => {
    const { gw } = await setUp({ type: 'text', text: 'ok' });
    const missing = await fetch(`${gw.url}/v1/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unknown_url');
    const wrongMethod = await fetch(`${gw.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const badJson = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: '{"model": "chat",' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});

describe('gateway: slow clients', () => {
  it('should cut a client that does not finish sending its headers in time', async () => {
    const { gw } = await setUp({ type: 'text', text: 'unused' }, { headersTimeoutMs: 300 });
    const { connect } = await import('node:net');
    const url = new URL(gw.url);
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: appl');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });
});
