import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { useMockUpstreams } from '../gateway/helpers/start-gateway.ts';

const run = promisify(execFile);
const image = process.env.SWITCHYARD_TEST_IMAGE;
const SERVED = 'gpt-4o-2024-08-06';
const KEY = 'sy-container-smoke-key-31f7';
const upstreams = useMockUpstreams(1);
const name = `switchyard-smoke-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-smoke-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const podman = (...args: string[]) => run('podman', args, { timeout: 60_000 });

afterAll(async () => {
  if (image) await podman('rm', '-f', name).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!image)('the container image (SWITCHYARD_TEST_IMAGE: an image built from the Dockerfile; .ci/run builds one with podman)', () => {
  it('should serve chat and a stream, drain on SIGTERM with the stream in flight, exit 0 and keep the attempts in its ledger volume', async () => {
    const upstream = upstreams[0];
    if (!upstream) throw new Error('no upstream');
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    upstream.use(...createOpenAIMock({ baseURL: `${upstream.origin}/v1`, script: [{ type: 'text', text: 'Hello from the container', usage: { inputTokens: 7, outputTokens: 4 } }, { type: 'text', text: words, chunks: 40, chunkDelayMs: 40, usage: { inputTokens: 7, outputTokens: 40 } }], servedModel: SERVED }).handlers);
    const config = join(dir, 'switchyard.yaml');
    writeFileSync(config, [`providers:`, `  fake: { type: openai, apiKey: \${UPSTREAM_KEY}, baseURL: "${upstream.origin}/v1" }`, `models:`, `  chat: { targets: [{ provider: fake, model: ${SERVED} }] }`, `gateway:`, `  keys: [{ key: "\${GATEWAY_KEY}", name: smoke, tags: { tenant: smoke } }]`, ''].join('\n'));
    const data = join(dir, 'data');
    mkdirSync(data);
    // The container runs as uid 1000: the ledger volume must be writable for it.
    chmodSync(data, 0o777);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The host's network, so that the container reaches the mock upstream on loopback; the image's own CMD, but the port.
    await podman('run', '-d', '--name', name, '--network', 'host', '-e', `GATEWAY_KEY=${KEY}`, '-e', `SWITCHYARD_HEALTHCHECK_URL=${url}/healthz`, '-e', 'UPSTREAM_KEY=sk-smoke-upstream', '-v', `${config}:/etc/switchyard/switchyard.yaml:ro`, '-v', `${data}:/var/lib/switchyard`, image as string, '--config', '/etc/switchyard/switchyard.yaml', '--host', '127.0.0.1', '--port', String(port), '--data-dir', '/var/lib/switchyard');
    for (let i = 0; ; i++) {
      const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 300) throw new Error(`the container did not answer /healthz: ${(await podman('logs', name).catch((e: Error) => ({ stderr: e.message }))).stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The image's HEALTHCHECK passes.
    await podman('healthcheck', 'run', name);
    const auth = { authorization: `Bearer ${KEY}` };
    const chat = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: auth, body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }) });
    expect(chat.status).toBe(200);
    expect(chat.headers.get('x-switchyard-provider')).toBe('fake');
    expect(((await chat.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('Hello from the container');
    expect((await fetch(`${url}/v1/models`)).status).toBe(401);

    const stream = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: auth, body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'Count' }] }) });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let body = decoder.decode((await reader.read()).value, { stream: true });
    await podman('kill', '--signal', 'TERM', name);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    const events = body.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.map((e) => (e.startsWith('data: {') ? (JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '') : '')).join('')).toBe(words);
    const { stdout: exitCode } = await podman('wait', name);
    expect(exitCode.trim()).toBe('0');
    const { stderr: logs } = await podman('logs', name);
    expect(logs).toContain('"message":"drained; the ledger is flushed"');
    expect(logs).not.toContain(KEY);

    const ledger = createSqliteLedgerStore(join(data, 'ledger.sqlite'));
    try {
      const rows = await ledger.aggregate({ since: 0, until: Date.now() + 60_000, groupBy: ['tag:tenant'] });
      expect(rows).toEqual([expect.objectContaining({ keys: ['smoke'], requests: 2, errors: 0, aborted: 0, inputTokens: 14, outputTokens: 44 })]);
    } finally {
      await ledger.close();
    }
  }, 180_000);
});
