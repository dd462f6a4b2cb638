import { afterEach, describe, expect, it } from 'vitest';
import { createMeterFromConfig, type SwitchyardMeter } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore, type MemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import type { MeterWarning } from '../../src/metering/meter-events.ts';
import { attemptEnd, usage } from './attempt-events.ts';

let meter: SwitchyardMeter;
let store: MemoryLedgerStore;
const warnings: MeterWarning[] = [];
function setup() {
  store = createMemoryLedgerStore();
  warnings.length = 0;
  meter = createMeterFromConfig(
    { providers: { openai: { type: 'openai' }, cw: { type: 'coreweave' }, gpu: { type: 'coreweave', billing: { type: 'gpu-hours', gpus: 2, hourlyUsdPerGpu: 2.5 } } } },
    { ledgerStore: store, emit: (name, payload) => name === 'warning' && warnings.push(payload as MeterWarning) },
  );
}
afterEach(async () => {
  await meter.close();
});

describe('meter.record', () => {
  it('should keep the cost the router computed, and price events that come without one', async () => {
    setup();
    meter.record(attemptEnd({ cost: { usd: 0.01, nanoUsd: 10_000_000 } }));
    meter.record(attemptEnd({ usage: usage(1000, 200, { cachedInputTokens: 400 }) }));
    await meter.flush();
    expect(store.records.map((r) => r.costNanoUsd)).toEqual([10_000_000n, 4_000_000n]);
  });

  it('should record an error answer without usage as costing nothing, and an abort or a timeout without usage as unknown', async () => {
    setup();
    // As the router sends them: 0 for an error answer (HTTP 4xx/5xx), null when the attempt may have been billed.
    meter.record(attemptEnd({ outcome: 'error', errorCode: 'rate_limit', usage: undefined, cost: { usd: 0, nanoUsd: 0 } }));
    meter.record(attemptEnd({ outcome: 'aborted', errorCode: 'aborted', hedge: true, usage: undefined, cost: null }));
    meter.record(attemptEnd({ outcome: 'error', errorCode: 'timeout', usage: undefined, cost: null }));
    meter.record(attemptEnd({ provider: 'gpu', providerType: 'coreweave', outcome: 'aborted', usage: undefined, cost: null }));
    await meter.flush();
    expect(store.records.map((r) => [r.outcome, r.errorCode, r.costNanoUsd])).toEqual([
      ['error', 'rate_limit', 0n],
      ['aborted', 'aborted', null],
      ['error', 'timeout', null],
      ['aborted', null, 0n],
    ]);
    expect(warnings).toEqual([]);
  });

  it('should price events that come without a cost field: an error without usage as 0, an abort as unknown', async () => {
    setup();
    meter.record(attemptEnd({ outcome: 'error', errorCode: 'unavailable', usage: undefined }));
    meter.record(attemptEnd({ outcome: 'aborted', errorCode: 'aborted', usage: undefined }));
    await meter.flush();
    expect(store.records.map((r) => r.costNanoUsd)).toEqual([0n, null]);
  });

  it('should record an unknown price as null, warning once, and capacity-billed attempts as 0', async () => {
    setup();
    const cw = { provider: 'cw', providerType: 'coreweave', model: 'llama-70b', servedModel: 'llama-70b' };
    meter.record(attemptEnd({ ...cw }));
    meter.record(attemptEnd({ ...cw, usage: usage(5, 5), cost: null }));
    meter.record(attemptEnd({ ...cw }));
    meter.record(attemptEnd({ provider: 'gpu', providerType: 'coreweave', model: 'llama-70b' }));
    await meter.flush();
    expect(store.records.map((r) => r.costNanoUsd)).toEqual([null, null, null, 0n]);
    expect(warnings.map((w) => w.code)).toEqual(['unknown-price']);
  });

  it('should record the pinned version a served model drifted from', async () => {
    setup();
    meter.record({ ...attemptEnd({ servedModel: 'gpt-4o-2024-11-20' }), drift: 'gpt-4o-2024-08-06' });
    await meter.flush();
    expect(store.records[0]).toMatchObject({ servedModel: 'gpt-4o-2024-11-20', drift: 'gpt-4o-2024-08-06' });
  });

  it('should never throw, even for a malformed event', () => {
    setup();
    expect(() => meter.record(null as never)).not.toThrow();
    expect(warnings.map((w) => w.code)).toEqual(['ledger-write-failed']);
  });
});
