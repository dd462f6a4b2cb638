import { describe, expect, it } from 'vitest';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { AttemptEndEvent } from '../../src/types/attempt-event.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const user = (content: string) => [{ role: 'user' as const, content }];
const usage = { inputTokens: 1000, outputTokens: 200 };

async function finishOf(stream: AsyncIterable<StreamPart>): Promise<Extract<StreamPart, { type: 'finish' }>> {
  let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
  for await (const part of stream) if (part.type === 'finish') finish = part;
  if (!finish) throw new Error('the stream ended without a finish part');
  return finish;
}

/** A Switchyard with a memory ledger, collecting `attempt-end` events. */
function routed(config: Record<string, unknown>) {
  const ledger = createMemoryLedgerStore();
  const sy = createSwitchyard(config as never, { meter: createMeterFromConfig(config as never, { ledgerStore: ledger }), telemetry: false });
  const ends: AttemptEndEvent[] = [];
  sy.on('attempt-end', (e) => ends.push(e));
  return { sy, ledger, ends };
}

describe('createSwitchyard: the capacity of Responses API answers (OpenAI service_tier)', () => {
  const config = {
    providers: { openai: { type: 'openai', apiKey: 'sk-proj-responsestier0123456789', api: 'responses', prices: { 'o3-2025-04-16': [{ input: 2, output: 8 }, { tier: 'priority', input: 3.5, output: 14 }] } } },
    models: { batch: { retry: { attempts: 1 }, targets: [{ provider: 'openai', model: 'o3', pin: 'o3-2025-04-16', serviceTier: 'flex' }] } },
  };

  it('should send service_tier on /responses and price a flex answer at the flex rate on the result, the finish part, attempt-end and the ledger', async () => {
    const mock = createOpenAIMock({ servedModel: 'o3-2025-04-16', script: [{ type: 'text', text: 'Flex answer.', usage, serviceTier: 'flex' }] });
    network.use(...mock.handlers);
    const { sy, ledger, ends } = routed(config);
    const result = await sy.chat({ model: 'batch', messages: user('Hi') });
    const finish = await finishOf(sy.stream({ model: 'batch', messages: user('Hi') }));
    expect(mock.requests.map((r) => [new URL(r.url).pathname, r.body.service_tier])).toEqual([['/v1/responses', 'flex'], ['/v1/responses', 'flex']]);
    // 1000 × 2 + 200 × 8 USD per million = 0.0036 USD; flex at half of it.
    for (const answer of [result, finish]) expect(answer).toMatchObject({ provider: 'openai', capacity: { tier: 'flex', raw: 'flex' }, cost: { nanoUsd: 1_800_000 } });
    expect(ends.map((e) => [e.operation, e.capacity?.tier, e.cost?.nanoUsd])).toEqual([['chat', 'flex', 1_800_000], ['stream', 'flex', 1_800_000]]);
    await sy.close();
    expect(ledger.records.map((r) => [r.operation, r.capacity, r.costNanoUsd])).toEqual([['chat', 'flex', 1_800_000n], ['stream', 'flex', 1_800_000n]]);
  });

  it('should price what served, not what was asked: a flex request served at default tier is standard, priority at its rate', async () => {
    const mock = createOpenAIMock({ servedModel: 'o3-2025-04-16', script: [{ type: 'text', text: 'Standard.', usage, serviceTier: 'default' }, { type: 'text', text: 'Priority.', usage, serviceTier: 'priority' }] });
    network.use(...mock.handlers);
    const { sy, ledger } = routed(config);
    const standard = await sy.chat({ model: 'batch', messages: user('Hi') });
    const priority = await finishOf(sy.stream({ model: 'batch', messages: user('Hi'), serviceTier: 'priority' }));
    expect(mock.requests.map((r) => r.body.service_tier)).toEqual(['flex', 'priority']);
    expect(standard).toMatchObject({ capacity: { tier: 'standard', raw: 'default' }, cost: { nanoUsd: 3_600_000 } });
    // 1000 × 3.5 + 200 × 14 USD per million.
    expect(priority).toMatchObject({ capacity: { tier: 'priority', raw: 'priority' }, cost: { nanoUsd: 6_300_000 } });
    await sy.close();
    expect(ledger.records.map((r) => [r.capacity, r.costNanoUsd])).toEqual([['standard', 3_600_000n], ['priority', 6_300_000n]]);
  });
});

describe('createSwitchyard: Azure PTU spillover on the Responses API (v1)', () => {
  const ENDPOINT = 'https://contoso-ptu.openai.azure.com';
  const config = {
    providers: {
      ptu: {
        type: 'azure-openai',
        endpoint: ENDPOINT,
        apiKey: '9d4e2f1a7c3b4e8f9a0b1c2d3e4f5a6b',
        api: 'responses',
        deployments: { 'gpt4o-ptu': { model: 'gpt-4o-2024-08-06' }, 'gpt4o-paygo': { model: 'gpt-4o-2024-08-06' } },
        billing: { type: 'provisioned' as const, units: 50, hourlyUsdPerUnit: 1, tokensPerMinutePerUnit: 2500 },
        prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10 }, 'gpt4o-paygo': { input: 2.75, output: 11 } },
      },
    },
    models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'ptu', model: 'gpt4o-ptu', spillover: { deployment: 'gpt4o-paygo' } }] } },
  };
  const spilled = { 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' };

  it('should send x-ms-spillover-deployment to /responses and price the PTU answer at 0, the spilled-over one at the pay-as-you-go rate', async () => {
    const mock = createAzureOpenAIMock({
      endpoint: ENDPOINT,
      deployments: { 'gpt4o-ptu': 'gpt-4o-2024-08-06', 'gpt4o-paygo': 'gpt-4o-2024-08-06' },
      script: [{ type: 'text', text: 'On the PTU.', usage }, { type: 'text', text: 'Spilled.', usage, headers: spilled }, { type: 'text', text: 'Spilled stream.', usage, headers: spilled }],
    });
    network.use(...mock.handlers);
    const { sy, ledger, ends } = routed(config);
    const onPtu = await sy.chat({ model: 'chat', messages: user('Hi') });
    const over = await sy.chat({ model: 'chat', messages: user('Hi') });
    const stream = await finishOf(sy.stream({ model: 'chat', messages: user('Hi') }));
    expect(mock.requests.map((r) => [new URL(r.url).pathname, r.body.model, r.headers['x-ms-spillover-deployment']])).toEqual([
      ['/openai/v1/responses', 'gpt4o-ptu', 'gpt4o-paygo'],
      ['/openai/v1/responses', 'gpt4o-ptu', 'gpt4o-paygo'],
      ['/openai/v1/responses', 'gpt4o-ptu', 'gpt4o-paygo'],
    ]);
    expect(onPtu).toMatchObject({ capacity: { tier: 'provisioned' }, cost: { nanoUsd: 0 } });
    // 1000 × 2.75 + 200 × 11 USD per million = 0.00495 USD.
    for (const answer of [over, stream]) expect(answer).toMatchObject({ capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' }, cost: { nanoUsd: 4_950_000 } });
    expect(ends.map((e) => [e.operation, e.capacity?.tier, e.capacity?.deployment])).toEqual([['chat', 'provisioned', undefined], ['chat', 'spillover', 'gpt4o-paygo'], ['stream', 'spillover', 'gpt4o-paygo']]);
    await sy.close();
    expect(ledger.records.map((r) => [r.operation, r.capacity, r.servedDeployment, r.costNanoUsd])).toEqual([
      ['chat', 'provisioned', null, 0n],
      ['chat', 'spillover', 'gpt4o-paygo', 4_950_000n],
      ['stream', 'spillover', 'gpt4o-paygo', 4_950_000n],
    ]);
  });

  it('should record a failed spillover on /responses as the PTU’s own 429, on the provisioned tier, costing nothing', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'error', status: 429, retryAfterMs: 2000, headers: { 'x-ms-spillover-error': '429' } } });
    network.use(...mock.handlers);
    const { sy, ledger } = routed(config);
    const error = await sy.chat({ model: 'chat', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errors: [{ code: 'rate_limit', capacity: { tier: 'provisioned', spilloverError: '429' } }] });
    expect(String((error as { errors: Error[] }).errors[0]?.message)).toContain('Spillover was tried and failed');
    await sy.close();
    expect(ledger.records.map((r) => [r.operation, r.outcome, r.capacity, r.costNanoUsd])).toEqual([['chat', 'error', 'provisioned', 0n]]);
  });
});
