import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createMeterFromConfig, type MeterConfig, type SwitchyardMeter } from '../../src/metering/create-meter-from-config.ts';
import type { MeterWarning } from '../../src/metering/meter-events.ts';
import { createPriceBook } from '../../src/metering/price-book.ts';
import { usage } from './attempt-events.ts';

const NOV_2026 = Date.UTC(2026, 10, 20);
const meters: SwitchyardMeter[] = [];
afterEach(async () => {
  await Promise.all(meters.splice(0).map((m) => m.close()));
});

function meter(config: MeterConfig, warnings: MeterWarning[] = []): SwitchyardMeter {
  const m = createMeterFromConfig(config, { ledgerStore: createMemoryLedgerStore(), emit: (name, payload) => name === 'warning' && warnings.push(payload as MeterWarning) });
  meters.push(m);
  return m;
}

const providers: MeterConfig['providers'] = {
  openai: { type: 'openai' },
  'azure-east': { type: 'azure-openai', deployments: { 'chat-prod': { model: 'gpt-4o-2024-08-06' } } },
  vertex: { type: 'vertex' },
  cw: { type: 'coreweave' },
};

describe('price book', () => {
  it('should charge cached input at the cache rate and not also at the full rate (gpt-4o: 2.50 / 1.25 cached / 10.00)', () => {
    const m = meter({ providers });
    const cost = m.price({ alias: 'chat', provider: 'openai', model: 'gpt-4o-2024-08-06' }, usage(1000, 200, { cachedInputTokens: 400 }), NOV_2026);
    // 600 × 2.50 + 400 × 1.25 + 200 × 10.00 = 4000 USD per million tokens -> 0.004 USD
    expect(cost).toEqual({ usd: 0.004, nanoUsd: 4_000_000 });
  });

  it('should charge reasoning tokens once, as part of output', () => {
    const m = meter({ providers });
    const target = { alias: 'chat', provider: 'openai', model: 'gpt-4o-2024-08-06' };
    const withReasoning = m.price(target, usage(1000, 200, { reasoningTokens: 150 }), NOV_2026);
    const without = m.price(target, usage(1000, 200), NOV_2026);
    expect(withReasoning).toEqual(without);
    expect(withReasoning?.nanoUsd).toBe(4_500_000); // 1000 × 2.50 + 200 × 10.00
  });

  it("should apply Gemini 2.5 Pro's higher tier to the whole request above 200k prompt tokens", () => {
    const m = meter({ providers });
    const target = { alias: 'long', provider: 'vertex', model: 'gemini-2.5-pro' };
    const below = m.price(target, usage(100_000, 1000, { cachedInputTokens: 20_000 }), NOV_2026);
    const above = m.price(target, usage(250_000, 1000, { cachedInputTokens: 50_000, reasoningTokens: 400 }), NOV_2026);
    // 80k × 1.25 + 20k × 0.125 + 1k × 10 = 112,500 per million -> 0.1125 USD
    expect(below?.nanoUsd).toBe(112_500_000);
    // 200k × 2.50 + 50k × 0.25 + 1k × 15 = 527,500 per million -> 0.5275 USD
    expect(above?.nanoUsd).toBe(527_500_000);
    const exactly200k = m.price(target, usage(200_000, 0), NOV_2026);
    expect(exactly200k?.nanoUsd).toBe(250_000_000); // 200,000 is not above 200k: base rate
  });

  it('should return null and warn once, never a made-up number, when no price is known', () => {
    const warnings: MeterWarning[] = [];
    const m = meter({ providers }, warnings);
    const target = { alias: 'chat', provider: 'cw', model: 'meta-llama/Llama-3.3-70B-Instruct' };
    expect(m.price(target, usage(100, 10), NOV_2026)).toBeNull();
    expect(m.price(target, usage(100, 10), NOV_2026)).toBeNull();
    expect(m.estimate(target, { model: 'chat', messages: [{ role: 'user', content: 'hi' }] })).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'unknown-price', provider: 'cw', model: 'meta-llama/Llama-3.3-70B-Instruct' });
    expect(warnings[0].message).toContain('providers.cw.prices');
    expect(m.price({ alias: 'x', provider: 'openai', model: 'no-such-model-xyz' }, usage(1, 1), NOV_2026)).toBeNull();
  });

  it('should price a sub-cent call exactly instead of rounding it to zero', () => {
    const m = meter({ providers });
    const one = m.price({ alias: 'chat', provider: 'openai', model: 'gpt-4o' }, usage(1, 1), NOV_2026);
    expect(one).toEqual({ usd: 0.0000125, nanoUsd: 12_500 });
    const embed = m.price({ alias: 'embed', provider: 'openai', model: 'text-embedding-3-small' }, usage(7, 0), NOV_2026);
    expect(embed?.nanoUsd).toBe(140); // 7 × 0.02 USD per million
  });

  it('should price an Azure deployment at the model version it runs', () => {
    const m = meter({ providers });
    const byDeployment = m.price({ alias: 'chat', provider: 'azure-east', model: 'chat-prod' }, usage(1000, 100), NOV_2026);
    const explicit = m.price({ alias: 'chat', provider: 'azure-east', model: 'whatever', priceModel: 'gpt-4o-2024-08-06' }, usage(1000, 100), NOV_2026);
    expect(byDeployment?.nanoUsd).toBe(3_500_000); // 1000 × 2.50 + 100 × 10.00
    expect(explicit).toEqual(byDeployment);
  });

  it('should use the dated price in effect at the time of the call (config overrides)', () => {
    const m = meter({
      providers: {
        cw: {
          type: 'coreweave',
          prices: {
            'llama-70b': [
              { input: 0.9, output: 0.9, effectiveFrom: '2026-12-01' },
              { input: 0.6, output: 0.8 },
            ],
          },
        },
      },
    });
    const target = { alias: 'chat', provider: 'cw', model: 'llama-70b' };
    expect(m.price(target, usage(1_000_000, 1_000_000), Date.UTC(2026, 10, 30, 23, 59))?.nanoUsd).toBe(1_400_000_000);
    expect(m.price(target, usage(1_000_000, 1_000_000), Date.UTC(2026, 11, 1))?.nanoUsd).toBe(1_800_000_000);
  });

  it('should use the dated default price in effect at the time of the call (genai-prices start dates)', () => {
    const m = meter({ providers });
    const target = { alias: 'chat', provider: 'vertex', model: 'gemini-3.6-flash' };
    // The bundled data doubles this model's price from 2027-01-01.
    expect(m.price(target, usage(1_000_000, 0), Date.UTC(2026, 11, 31))?.nanoUsd).toBe(750_000_000);
    expect(m.price(target, usage(1_000_000, 0), Date.UTC(2027, 0, 1))?.nanoUsd).toBe(1_500_000_000);
  });

  it('should prefer a config override to the default price, and fall back to the default before its effective date', () => {
    const book = createPriceBook({ providerTypes: { openai: 'openai' }, overrides: { openai: { 'gpt-4o': { input: 2, output: 8, cachedInput: 0.5, effectiveFrom: '2026-06-01' } } } });
    expect(book.find('openai', ['gpt-4o'], Date.UTC(2026, 6, 1))).toMatchObject({ source: 'config', input: { base: 2_000_000_000n } });
    expect(book.find('openai', ['gpt-4o'], Date.UTC(2026, 0, 1))).toMatchObject({ source: 'genai-prices', input: { base: 2_500_000_000n } });
  });

  it('should apply config tiers above their prompt size', () => {
    const m = meter({ providers: { cw: { type: 'coreweave', prices: { m: { input: 1, output: 2, tiers: [{ aboveInputTokens: 1000, input: 3, output: 4 }] } } } } });
    const target = { alias: 'a', provider: 'cw', model: 'm' };
    expect(m.price(target, usage(1000, 1000), NOV_2026)?.nanoUsd).toBe(3_000_000); // (1000 × 1 + 1000 × 2) USD per million
    expect(m.price(target, usage(1001, 1000), NOV_2026)?.nanoUsd).toBe(7_003_000); // (1001 × 3 + 1000 × 4) USD per million
  });

  it('should charge nothing per token for capacity-billed providers', () => {
    const m = meter({ providers: { ptu: { type: 'azure-openai', billing: { type: 'provisioned', units: 50, hourlyUsdPerUnit: 1 } } } });
    const target = { alias: 'chat', provider: 'ptu', model: 'gpt-4o' };
    expect(m.price(target, usage(5000, 500), NOV_2026)).toEqual({ usd: 0, nanoUsd: 0 });
    expect(m.estimate(target, { model: 'chat', messages: [{ role: 'user', content: 'hello' }] })).toBe(0);
  });
});
