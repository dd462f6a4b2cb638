import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BudgetEvent } from '../../src/metering/meter-events.ts';
import { readInvoice } from '../../src/metering/read-invoice.ts';
import type { SwitchyardEventMap } from '../../src/router/switchyard-events.ts';
import type { SwitchyardWarning } from '../../src/router/switchyard-warning.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { Attempt } from '../../src/types/attempt.ts';
import type { RoutedStreamPart } from '../../src/types/routed-result.ts';
import type { DriftEvent } from '../../src/versions/drift-event.ts';
import { network } from '../setup/network.ts';
import { ask, collect } from './helpers/make-switchyard.ts';

const config = {
  providers: {
    primary: { type: 'openai', apiKey: 'sk-proj-json-0001', baseURL: 'https://primary.example/v1' },
    backup: { type: 'openai', apiKey: 'sk-proj-json-0002', baseURL: 'https://backup.example/v1' },
  },
  models: {
    chat: { targets: [{ provider: 'primary', model: 'gpt-4o-2024-08-06' }, { provider: 'backup', model: 'gpt-4o-2024-08-06' }] },
    embed: { targets: [{ provider: 'backup', model: 'text-embedding-3-small' }] },
  },
  ledger: { type: 'memory' },
};

describe('results and reports as JSON', () => {
  it('should serialise chat, stream and embed results and the cost report, with nano-USD as exact decimal strings', async () => {
    network.use(
      ...createOpenAIMock({ baseURL: 'https://primary.example/v1', script: { type: 'error', status: 503 } }).handlers,
      ...createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'Bonjour', usage: { inputTokens: 1_200_000, outputTokens: 800_000 } } }).handlers,
    );
    const sy = createSwitchyard(config, { env: {}, telemetry: false });
    const chat = await sy.chat({ model: 'chat', messages: ask('Salut'), tags: { tenant: 'acme' } });
    expect(JSON.parse(JSON.stringify(chat))).toEqual(chat);
    expect(chat.attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['primary:error', 'backup:success']);
    const finish = (await collect(sy.stream({ model: 'chat', messages: ask('Salut') }))).at(-1);
    expect(JSON.parse(JSON.stringify(finish))).toEqual(finish);
    const embedded = await sy.embed({ model: 'embed', input: ['a'] });
    expect(JSON.parse(JSON.stringify(embedded))).toEqual(embedded);

    const report = await sy.costReport({ since: '1d', groupBy: ['provider', 'tag:tenant'] });
    const json = JSON.parse(JSON.stringify(report)) as { total: Record<string, unknown>; rows: Array<Record<string, unknown>> };
    expect(typeof report.total.costNanoUsd).toBe('bigint');
    expect(report.total.costNanoUsd).toBeGreaterThan(0n);
    expect(json.total.costNanoUsd).toBe(report.total.costNanoUsd.toString());
    expect(json.total.tokenCostNanoUsd).toBe(report.total.tokenCostNanoUsd.toString());
    expect(json.total.costUsd).toBe(report.total.costUsd);
    expect(json.rows.map((r) => r.costNanoUsd)).toEqual(report.rows.map((r) => r.costNanoUsd.toString()));
    expect(BigInt(json.total.costNanoUsd as string)).toBe(report.total.costNanoUsd);
    // The report itself keeps its bigints and shows no extra key.
    expect(Object.keys(report)).toEqual(['since', 'until', 'groupBy', 'rows', 'total', 'capacity', 'warnings']);
    await sy.close();
  });

  it('should serialise an invoice with its exact amounts', () => {
    const invoice = readInvoice('Date,ResourceId,MeterCategory,CostInBillingCurrency\n11/20/2026,/subscriptions/s/resourceGroups/g/providers/Microsoft.CognitiveServices/accounts/contoso-east,Cognitive Services,12.3456789\n');
    expect(JSON.parse(JSON.stringify(invoice)).lines[0].costNanoUsd).toBe('12345678900');
  });

  it('should type attempts and provider as always there on routed results, and the drift, budget and warning events', () => {
    const sy = createSwitchyard(config, { env: {}, telemetry: false });
    type Chat = Awaited<ReturnType<typeof sy.chat>>;
    type Embed = Awaited<ReturnType<typeof sy.embed>>;
    expectTypeOf<Chat['attempts']>().toEqualTypeOf<Attempt[]>();
    expectTypeOf<Chat['provider']>().toEqualTypeOf<string>();
    expectTypeOf<Embed['attempts']>().toEqualTypeOf<Attempt[]>();
    expectTypeOf<Extract<RoutedStreamPart, { type: 'finish' }>['attempts']>().toEqualTypeOf<Attempt[]>();
    expectTypeOf<SwitchyardEventMap['drift']>().toEqualTypeOf<DriftEvent>();
    expectTypeOf<SwitchyardEventMap['budget']>().toEqualTypeOf<BudgetEvent>();
    expectTypeOf<SwitchyardEventMap['warning']>().toEqualTypeOf<SwitchyardWarning>();
    expectTypeOf<SwitchyardWarning['code']>().toEqualTypeOf<
      | 'floating-model'
      | 'floating-pin'
      | 'unversioned-deployment'
      | 'model-retiring'
      | 'model-retired'
      | 'azure-api-version-default'
      | 'unknown-price'
      | 'unknown-estimate'
      | 'unknown-capacity'
      | 'capacity-unbilled'
      | 'budget-over-limit'
      | 'ledger-write-failed'
      | 'budget-store-failed'
      | 'state-unavailable'
      | 'state-recovered'
      | 'close-timeout'
    >();
    return sy.close();
  });
});
