import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { useMockUpstreams } from '../gateway/helpers/start-gateway.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SERVED = 'gpt-4o-2024-08-06';
const KEY = 'sy-serve-test-key-5b8e2f90';
const upstreams = useMockUpstreams(1);
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeConfig(yaml: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-serve-'));
  dirs.push(dir);
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, yaml);
  return { dir, file };
}

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, cwd: process.cwd(), env, now: Date.now } };
}

/** Starts `switchyard serve` as a child process; resolves with its URL once it logged that it listens. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      stderr += `${line}\n`;
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.url === 'string') resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, url, logs, exited, stderr: () => stderr };
}

describe('switchyard serve', () => {
  it('should refuse to listen beyond loopback without keys, unless --insecure-no-auth', async () => {
    const { file } = writeConfig(`providers:\n  main: { type: openai, apiKey: sk-x }\nmodels:\n  chat: { targets: [{ provider: main, model: ${SERVED} }] }\nledger: { type: memory }\n`);
    const refused = io();
    expect(await runCli(['serve', '--config', file, '--host', '0.0.0.0', '--port', '0'], refused.io)).toBe(2);
    expect(refused.out.stderr).toContain('--host 0.0.0.0 is reachable from other machines, and the config has no gateway.keys');
    const badPort = io();
    expect(await runCli(['serve', '--config', file, '--port', '80000'], badPort.io)).toBe(2);
    expect(badPort.out.stderr).toContain('--port expects a number from 0 to 65535');
    const badConfig = writeConfig('providers:\n  main: { type: openai, apiKey: sk-x }\ngateway:\n  keys: [{ key: short, name: a }]\n');
    const invalid = io();
    expect(await runCli(['serve', '--config', badConfig.file], invalid.io)).toBe(1);
    expect(invalid.out.stderr).toContain('gateway.keys[0].key: a key must be at least 16 characters');
    expect(invalid.out.stderr).not.toContain('short');
  });

  it('should listen on all interfaces with --insecure-no-auth, and say so', async () => {
    const { file } = writeConfig(`providers:\n  main: { type: openai, apiKey: sk-x }\nmodels:\n  chat: { targets: [{ provider: main, model: ${SERVED} }] }\nledger: { type: memory }\n`);
    const server = await serve(['--config', file, '--host', '0.0.0.0', '--port', '0', '--insecure-no-auth']);
    expect(server.logs.find((l) => l.url)).toMatchObject({ level: 'info', auth: 'none (--insecure-no-auth)' });
    const port = new URL(server.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('should drain on SIGTERM: refuse new connections, finish the stream in flight, flush the ledger, exit 0', async () => {
    const upstream = upstreams[0];
    if (!upstream) throw new Error('no upstream');
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    upstream.use(...createOpenAIMock({ baseURL: `${upstream.origin}/v1`, script: { type: 'text', text: words, chunks: 30, chunkDelayMs: 40, usage: { inputTokens: 12, outputTokens: 30 } }, servedModel: SERVED }).handlers);
    const { dir, file } = writeConfig(
      [
        'providers:',
        `  main: { type: openai, apiKey: \${UPSTREAM_KEY}, baseURL: "${upstream.origin}/v1" }`,
        'models:',
        `  chat: { targets: [{ provider: main, model: ${SERVED} }] }`,
        'gateway:',
        '  keys: [{ key: "${GATEWAY_KEY}", name: ops, tags: { team: ops } }]',
        '  drainMs: 20000',
      ].join('\n'),
    );
    const server = await serve(['--config', file, '--port', '0', '--data-dir', join(dir, 'data')], { UPSTREAM_KEY: 'sk-upstream-never-logged', GATEWAY_KEY: KEY });
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'Count' }] }) });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let body = decoder.decode((await reader.read()).value, { stream: true });
    server.child.kill('SIGTERM');
    // New connections are refused from the moment the signal is handled.
    for (;;) {
      const refused = await fetch(`${server.url}/healthz`).then(() => false, () => true);
      if (refused) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    const events = body.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.map((e) => (e.startsWith('data: {') ? (JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '') : '')).join('')).toBe(words);
    expect(await server.exited).toBe(0);
    expect(server.logs.map((l) => l.message)).toEqual(expect.arrayContaining(['SIGTERM: draining', 'drained; the ledger is flushed']));
    expect(server.stderr()).not.toContain(KEY);
    expect(server.stderr()).not.toContain('sk-upstream-never-logged');

    const ledger = createSqliteLedgerStore(join(dir, 'data', 'ledger.sqlite'));
    try {
      const rows = await ledger.aggregate({ since: 0, until: Date.now() + 1000, groupBy: ['provider', 'tag:team'] });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ keys: ['main', 'ops'], requests: 1, errors: 0, aborted: 0, inputTokens: 12, outputTokens: 30 });
    } finally {
      await ledger.close();
    }
  });
});
