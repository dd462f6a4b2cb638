import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toLedgerRecord, type LedgerRecord } from '../../src/metering/ledger-record.ts';
import type { LedgerStore } from '../../src/metering/ledger-store.ts';
import { createLedgerWriter } from '../../src/metering/ledger-writer.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { attemptEnd } from './attempt-events.ts';

const record = (i: number): LedgerRecord => toLedgerRecord(attemptEnd({ requestId: `req_${i}` }), 1000n);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ledger writer', () => {
  it('should queue records without writing, then write them in one batch after the interval', async () => {
    const store = createMemoryLedgerStore();
    const append = vi.spyOn(store, 'append');
    const writer = createLedgerWriter(store, { flushIntervalMs: 1000, exitHooks: false });
    for (let i = 0; i < 3; i++) writer.push(record(i));
    expect(append).not.toHaveBeenCalled();
    expect(writer.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(append).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(append).toHaveBeenCalledTimes(1);
    expect(store.records.map((r) => r.requestId)).toEqual(['req_0', 'req_1', 'req_2']);
    await writer.close();
  });

  it('should write as soon as a batch is full, in batches of batchSize', async () => {
    const store = createMemoryLedgerStore();
    const append = vi.spyOn(store, 'append');
    const writer = createLedgerWriter(store, { batchSize: 4, flushIntervalMs: 60_000, exitHooks: false });
    for (let i = 0; i < 10; i++) writer.push(record(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(append.mock.calls.map(([batch]) => batch.length)).toEqual([4, 4, 2]);
    await writer.close();
  });

  it('should keep and retry a batch the store failed to write, and report the failure', async () => {
    const inner = createMemoryLedgerStore();
    let failures = 1;
    const store: LedgerStore = { ...inner, append: async (batch) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : inner.append(batch)) };
    const errors: string[] = [];
    const writer = createLedgerWriter(store, { flushIntervalMs: 100, exitHooks: false, onError: (e, n) => errors.push(`${(e as Error).message} (${n})`) });
    writer.push(record(1));
    writer.push(record(2));
    await writer.flush();
    expect(errors).toEqual(['connection reset (2)']);
    expect(writer.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(inner.records).toHaveLength(2);
    expect(writer.pending).toBe(0);
    await writer.close();
  });

  it('should drop the oldest records past maxPending while the store keeps failing', async () => {
    const store: LedgerStore = { ...createMemoryLedgerStore(), append: () => Promise.reject(new Error('down')) };
    const errors: string[] = [];
    const writer = createLedgerWriter(store, { maxPending: 3, exitHooks: false, onError: (e) => errors.push((e as Error).message) });
    for (let i = 0; i < 5; i++) writer.push(record(i));
    await writer.flush();
    expect(writer.pending).toBe(3);
    expect(errors).toEqual(['down', 'ledger memory: dropped 2 records after repeated write failures']);
  });
});
