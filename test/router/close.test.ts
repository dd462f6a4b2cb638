import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createFakeProvider, fakeDefinition, type FakeProvider } from './helpers/fake-provider.ts';
import { ask } from './helpers/make-switchyard.ts';

let dir: string;

function setup(fakes: Record<string, FakeProvider>) {
  const path = join(dir, 'ledger.sqlite');
  const providers = Object.fromEntries(Object.keys(fakes).map((id) => [id, { type: 'fake' }]));
  const targets = Object.keys(fakes).map((provider) => ({ provider, model: 'gpt-4o-2024-08-06' }));
  const sy = createSwitchyard({ providers, models: { chat: { retry: { attempts: 1 }, targets } }, ledger: { type: 'sqlite', path } }, { providers: [fakeDefinition(fakes)] });
  const rows = () => {
    const db = new DatabaseSync(path);
    try {
      return db.prepare('SELECT provider, operation, outcome, error_code AS errorCode FROM attempts ORDER BY id').all();
    } finally {
      db.close();
    }
  };
  return { sy, rows };
}

describe('close()', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-close-'));
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should let a call in flight finish and record its attempt before closing the ledger, and refuse new calls', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'slow answer', delayMs: 3000 }]) };
    const { sy, rows } = setup(fakes);
    const inFlight = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(100);
    let closed = false;
    const closing = sy.close().then(() => (closed = true));
    await expect(sy.chat({ model: 'chat', messages: ask('too late') })).rejects.toMatchObject({ code: 'closed' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(closed).toBe(false);
    expect(fakes.a.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect((await inFlight).text).toBe('slow answer');
    await closing;
    expect(fakes.a.closed).toBe(true);
    expect(fakes.a.calls).toHaveLength(1);
    expect(rows()).toEqual([{ provider: 'a', operation: 'chat', outcome: 'success', errorCode: null }]);
  });

  it('should wait for an open stream, and record it once the caller aborts it without reading on', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'one two three', chunks: 3, chunkDelayMs: 10_000 }]) };
    const { sy, rows } = setup(fakes);
    const controller = new AbortController();
    const reader = sy.stream({ model: 'chat', messages: ask('hi'), signal: controller.signal })[Symbol.asyncIterator]();
    expect(await reader.next()).toEqual({ done: false, value: { type: 'text-delta', text: 'one t' } });
    let closed = false;
    const closing = sy.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(closed).toBe(false);
    // Nobody reads the stream any more; the abort alone must end it and let close() go on.
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    await closing;
    expect(rows()).toEqual([{ provider: 'a', operation: 'stream', outcome: 'aborted', errorCode: 'aborted' }]);
    await expect(reader.next()).rejects.toMatchObject({ code: 'aborted' });
  });

  it('should stop waiting after closeTimeoutMs for a stream nobody reads, and say so in a warning', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'one two three', chunks: 3, chunkDelayMs: 600_000 }]) };
    const path = join(dir, 'ledger.sqlite');
    const sy = createSwitchyard({ providers: { a: { type: 'fake' } }, models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o-2024-08-06' }] } }, ledger: { type: 'sqlite', path } }, { providers: [fakeDefinition(fakes)], closeTimeoutMs: 5000 });
    const warnings: unknown[] = [];
    sy.on('warning', (w) => warnings.push(w));
    const reader = sy.stream({ model: 'chat', messages: ask('hi') })[Symbol.asyncIterator]();
    await reader.next();
    let closed = false;
    const closing = sy.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(4900);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await closing;
    expect(closed).toBe(true);
    expect(fakes.a.closed).toBe(true);
    expect(warnings).toEqual([expect.objectContaining({ code: 'close-timeout', message: expect.stringContaining('1 call(s) still running') })]);
  });

  it('should refuse a stream created before close() and first read after it, sending nothing', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'never sent' }]) };
    const { sy, rows } = setup(fakes);
    const reader = sy.stream({ model: 'chat', messages: ask('hi') })[Symbol.asyncIterator]();
    await sy.close();
    await expect(reader.next()).rejects.toMatchObject({ code: 'closed', message: 'This Switchyard instance was closed; create a new one with createSwitchyard().' });
    expect(fakes.a.calls).toHaveLength(0);
    expect(rows()).toEqual([]);
  });

  it('should record a failover that happens while closing, attempt by attempt', async () => {
    const unavailable = Object.assign(new Error('a (gpt-4o-2024-08-06) answered HTTP 503: The engine is currently overloaded, please try again later.'), { code: 'unavailable', status: 503 });
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: unavailable, delayMs: 500 }]), b: createFakeProvider('b', [{ type: 'text', text: 'from b', delayMs: 500 }]) };
    const { sy, rows } = setup(fakes);
    const inFlight = sy.chat({ model: 'chat', messages: ask('hi') });
    const closing = sy.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect((await inFlight).provider).toBe('b');
    await closing;
    expect(rows()).toEqual([
      { provider: 'a', operation: 'chat', outcome: 'error', errorCode: 'unavailable' },
      { provider: 'b', operation: 'chat', outcome: 'success', errorCode: null },
    ]);
  });
});
