import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import type { MeterWarning } from '../../src/metering/meter-events.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byC7-vertex-capacity-test-token-4f2a9c';
const GLOBAL = 'https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/google/models/gemini-2.5-pro';
const user = (content: string) => [{ role: 'user' as const, content }];

/** A generateContent answer as Vertex sends it, with `usageMetadata.trafficType` (absent when `trafficType` is undefined). */
function answer(text: string, trafficType: string | undefined, prompt = 1000, output = 200) {
  const usageMetadata: Record<string, unknown> = {
    promptTokenCount: prompt,
    candidatesTokenCount: output,
    totalTokenCount: prompt + output,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
    candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: output }],
  };
  if (trafficType !== undefined) usageMetadata.trafficType = trafficType;
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', avgLogprobs: -0.1873 }],
    usageMetadata,
    modelVersion: 'gemini-2.5-pro',
    createTime: '2026-11-23T09:14:07.512304Z',
    responseId: 'D3ZbacSyDqWy1dkPt_uq4Ac',
  };
}

/** Answers generateContent with the given trafficTypes in order (the last repeats) and records the request headers. */
function vertex(trafficTypes: Array<string | undefined>): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  network.use(
    http.post(`${GLOBAL}\\:generateContent`, ({ request }) => {
      seen.push(Object.fromEntries(request.headers));
      const type = trafficTypes[Math.min(seen.length - 1, trafficTypes.length - 1)];
      return HttpResponse.json(answer(`Served as ${type}.`, type), { headers: { 'content-type': 'application/json; charset=UTF-8', 'x-goog-request-id': 'f7c2a9d1e4b8' } });
    }),
  );
  return seen;
}

const provider = (settings: Parameters<typeof createVertex>[0] = {}) => createVertex({ project: 'acme-prod', location: 'global', accessToken: TOKEN, env: {}, ...settings });

describe('createVertex capacity', () => {
  it.each([
    ['provisioned', { 'x-vertex-ai-llm-request-type': 'dedicated' }],
    ['shared', { 'x-vertex-ai-llm-request-type': 'shared' }],
    ['priority', { 'x-vertex-ai-llm-shared-request-type': 'priority' }],
    ['flex', { 'x-vertex-ai-llm-shared-request-type': 'flex' }],
  ] as const)('should send requestType %s as the documented header', async (requestType, headers) => {
    const seen = vertex(['ON_DEMAND']);
    await provider({ requestType }).chat({ model: 'gemini-2.5-pro', messages: user('Hi') });
    expect(seen[0]).toMatchObject({ ...headers, authorization: `Bearer ${TOKEN}` });
    const other = requestType === 'provisioned' || requestType === 'shared' ? 'x-vertex-ai-llm-shared-request-type' : 'x-vertex-ai-llm-request-type';
    expect(seen[0]?.[other]).toBeUndefined();
  });

  it('should send nothing by default, and let a request’s requestType win over the provider’s', async () => {
    const seen = vertex(['ON_DEMAND']);
    await provider().chat({ model: 'gemini-2.5-pro', messages: user('Hi') });
    await provider({ requestType: 'flex' }).chat({ model: 'gemini-2.5-pro', messages: user('Hi'), requestType: 'provisioned' });
    expect(Object.keys(seen[0] ?? {}).filter((h) => h.startsWith('x-vertex-ai-llm'))).toEqual([]);
    expect(seen[1]).toMatchObject({ 'x-vertex-ai-llm-request-type': 'dedicated' });
    expect(seen[1]?.['x-vertex-ai-llm-shared-request-type']).toBeUndefined();
  });

  it('should report each trafficType as its tier, and an unknown one as tier null with the value', async () => {
    vertex(['ON_DEMAND', 'ON_DEMAND_PRIORITY', 'ON_DEMAND_FLEX', 'PROVISIONED_THROUGHPUT', 'ON_DEMAND_OFFPEAK', undefined]);
    const vertexProvider = provider();
    const capacities = [];
    for (let i = 0; i < 6; i++) capacities.push((await vertexProvider.chat({ model: 'gemini-2.5-pro', messages: user('Hi') })).capacity);
    expect(capacities).toEqual([
      { tier: 'on-demand', raw: 'ON_DEMAND' },
      { tier: 'priority', raw: 'ON_DEMAND_PRIORITY' },
      { tier: 'flex', raw: 'ON_DEMAND_FLEX' },
      { tier: 'provisioned', raw: 'PROVISIONED_THROUGHPUT' },
      { tier: null, raw: 'ON_DEMAND_OFFPEAK' },
      undefined,
    ]);
  });

  it('should take the trafficType of a stream from its chunks, also when only the intermediate ones carry it', async () => {
    const chunk = (parts: object[], usageMetadata: object, finishReason?: string) =>
      `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}) }], usageMetadata, modelVersion: 'gemini-2.5-pro', createTime: '2026-11-23T09:14:07.512304Z', responseId: 'E4ZbacTzErXz2ekQu_vr5Bd' })}\r\n\r\n`;
    const body = [
      chunk([{ text: 'Flex ' }], { trafficType: 'ON_DEMAND_FLEX' }),
      chunk([{ text: 'stream.' }], { trafficType: 'ON_DEMAND_FLEX' }),
      chunk([{ text: '' }], { promptTokenCount: 1000, candidatesTokenCount: 200, totalTokenCount: 1200 }, 'STOP'),
    ].join('');
    network.use(http.post(`${GLOBAL}\\:streamGenerateContent`, () => new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })));
    const parts: StreamPart[] = [];
    for await (const part of provider({ requestType: 'flex' }).stream({ model: 'gemini-2.5-pro', messages: user('Hi') })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', capacity: { tier: 'flex', raw: 'ON_DEMAND_FLEX' }, usage: { inputTokens: 1000, outputTokens: 200 } });
  });

  it('should refuse a requestType that is not one of the four', () => {
    expect(() => createSwitchyard({ providers: { v: { type: 'vertex', project: 'acme-prod', accessToken: TOKEN, requestType: 'dedicated' } } }, { env: {}, telemetry: false })).toThrow(ConfigError);
  });
});

describe('createSwitchyard pricing Vertex attempts by trafficType', () => {
  /** A project with Provisioned Throughput (billed by the term), Gemini 2.5 Pro at configured rates. */
  function setup(options: { requestType?: string; billing?: boolean } = {}) {
    const config = {
      providers: {
        vertex: {
          type: 'vertex',
          project: 'acme-prod',
          location: 'global',
          accessToken: TOKEN,
          ...(options.requestType ? { requestType: options.requestType } : {}),
          ...(options.billing === false ? {} : { billing: { type: 'provisioned' as const, units: 2, hourlyUsdPerUnit: 3.5, tokensPerMinutePerUnit: 32_400 } }),
          prices: { 'gemini-2.5-pro': [{ input: 1.25, output: 10 }, { tier: 'priority' as const, input: 2.25, output: 18 }] },
        },
      },
      models: { chat: { targets: [{ provider: 'vertex', model: 'gemini-2.5-pro' }] } },
    };
    const ledger = createMemoryLedgerStore();
    const warnings: MeterWarning[] = [];
    const meter = createMeterFromConfig(config, { ledgerStore: ledger, emit: (name, payload) => name === 'warning' && warnings.push(payload as MeterWarning) });
    const sy = createSwitchyard(config, { meter, env: {}, telemetry: false });
    return { sy, ledger, warnings };
  }

  it('should price each tier at its own rate: PT 0, on-demand overflow at the pay-as-you-go rate, priority, flex at half', async () => {
    vertex(['PROVISIONED_THROUGHPUT', 'ON_DEMAND', 'ON_DEMAND_PRIORITY', 'ON_DEMAND_FLEX']);
    const { sy, ledger, warnings } = setup();
    const costs = [];
    for (let i = 0; i < 4; i++) costs.push((await sy.chat({ model: 'chat', messages: user('Hi') })).cost);
    // 1000 input and 200 output tokens, USD per million: on-demand 1000 × 1.25 + 200 × 10 = 0.00325 USD; priority at its
    // configured rate (2.25, 18); flex at half the on-demand rate (Google: "a 50% discount compared to Standard PayGo").
    expect(costs).toEqual([
      { usd: 0, nanoUsd: 0 },
      { usd: 0.00325, nanoUsd: 3_250_000 },
      { usd: 0.00585, nanoUsd: 5_850_000 },
      { usd: 0.001625, nanoUsd: 1_625_000 },
    ]);
    await sy.close();
    expect(ledger.records.map((r) => [r.capacity, r.costNanoUsd])).toEqual([
      ['provisioned', 0n],
      ['on-demand', 3_250_000n],
      ['priority', 5_850_000n],
      ['flex', 1_625_000n],
    ]);
    expect(warnings).toEqual([]);
  });

  it('should record an unknown trafficType with an unknown cost and a warning, never the on-demand price', async () => {
    vertex(['ON_DEMAND_OFFPEAK']);
    const { sy, ledger, warnings } = setup();
    expect((await sy.chat({ model: 'chat', messages: user('Hi') })).cost).toBeNull();
    expect((await sy.chat({ model: 'chat', messages: user('Hi') })).capacity).toEqual({ tier: null, raw: 'ON_DEMAND_OFFPEAK' });
    await sy.close();
    expect(ledger.records.map((r) => [r.capacity, r.costNanoUsd])).toEqual([[null, null], [null, null]]);
    expect(warnings).toEqual([
      {
        code: 'unknown-capacity',
        message: 'vertex answered with capacity "ON_DEMAND_OFFPEAK", which Switchyard does not know; such attempts are recorded with an unknown cost rather than priced at the standard rate. Upgrade switchyard, or report the value.',
        provider: 'vertex',
        capacity: 'ON_DEMAND_OFFPEAK',
      },
    ]);
  });

  it('should give a priority attempt without a priority price an unknown cost, with a warning that says how to set one', async () => {
    vertex(['ON_DEMAND_PRIORITY']);
    const config = {
      providers: { vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: TOKEN, prices: { 'gemini-2.5-pro': { input: 1.25, output: 10 } } } },
      models: { chat: { targets: [{ provider: 'vertex', model: 'gemini-2.5-pro', requestType: 'priority' as const }] } },
    };
    const warnings: MeterWarning[] = [];
    const sy = createSwitchyard(config, { meter: createMeterFromConfig(config, { ledgerStore: createMemoryLedgerStore(), emit: (n, p) => n === 'warning' && warnings.push(p as MeterWarning) }), env: {}, telemetry: false });
    const result = await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(result).toMatchObject({ capacity: { tier: 'priority' }, cost: null });
    expect(warnings[0]).toMatchObject({ code: 'unknown-price', capacity: 'priority', model: 'gemini-2.5-pro' });
    expect(warnings[0]?.message).toContain('Set providers.vertex.prices.gemini-2.5-pro with tier: priority (USD per million tokens): the standard rate is not used for it.');
    await sy.close();
  });

  it('should send the target’s requestType and price an answer without trafficType at that tier', async () => {
    const seen = vertex([undefined]);
    const { sy, ledger } = setup({ requestType: 'provisioned' });
    expect(await sy.chat({ model: 'chat', messages: user('Hi') })).toMatchObject({ capacity: { tier: 'provisioned' }, cost: { nanoUsd: 0 } });
    expect(seen[0]).toMatchObject({ 'x-vertex-ai-llm-request-type': 'dedicated' });
    await sy.close();
    expect(ledger.records[0]).toMatchObject({ capacity: 'provisioned', costNanoUsd: 0n });
  });

  it('should warn once when attempts are served on Provisioned Throughput that no billing prices', async () => {
    vertex(['PROVISIONED_THROUGHPUT']);
    const { sy, warnings } = setup({ billing: false });
    await sy.chat({ model: 'chat', messages: user('Hi') });
    await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(warnings.map((w) => w.code)).toEqual(['capacity-unbilled']);
    expect(warnings[0]?.message).toContain('providers.vertex.billing does not say what the capacity costs');
    await sy.close();
  });
});

describe('Claude on Vertex under a requestType', () => {
  const CLAUDE = 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929';
  /** Answers rawPredict as Vertex answers for Claude (no traffic type anywhere) and records the request headers. */
  function claude(): Array<Record<string, string>> {
    const seen: Array<Record<string, string>> = [];
    network.use(
      http.post(`${CLAUDE}\\:rawPredict`, ({ request }) => {
        seen.push(Object.fromEntries(request.headers));
        const message = { id: 'msg_vrtx_01JixAPaKzY8NJ3HE6GPE3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Bonjour' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 200 } };
        return HttpResponse.json(message, { headers: { 'content-type': 'application/json', 'x-vertex-ai-internal-prediction-backend': 'harpoon', 'request-id': 'req_vrtx_011CZPwvaXWt3cGD9r2W9LcV' } });
      }),
    );
    return seen;
  }
  function setup(requestType: string, billing: boolean) {
    const config = {
      providers: {
        vertex: {
          type: 'vertex',
          project: 'acme-prod',
          location: 'us-east5',
          accessToken: TOKEN,
          requestType,
          ...(billing ? { billing: { type: 'provisioned' as const, units: 2, hourlyUsdPerUnit: 3.5, tokensPerMinutePerUnit: 32_400 } } : {}),
          prices: { 'claude-sonnet-4-5@20250929': [{ input: 3, output: 15 }, { tier: 'priority' as const, input: 6, output: 30 }] },
        },
      },
      models: { chat: { targets: [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }] } },
    };
    const ledger = createMemoryLedgerStore();
    const sy = createSwitchyard(config as never, { meter: createMeterFromConfig(config as never, { ledgerStore: ledger }), env: {}, telemetry: false });
    return { sy, ledger };
  }

  it('should send provisioned and shared as the documented header to rawPredict, and price provisioned at 0', async () => {
    const seen = claude();
    const pt = setup('provisioned', true);
    expect(await pt.sy.chat({ model: 'chat', messages: user('Hi') })).toMatchObject({ capacity: { tier: 'provisioned' }, cost: { nanoUsd: 0 } });
    await pt.sy.close();
    const paygo = setup('shared', true);
    // 1000 × 3 + 200 × 15 USD per million.
    expect(await paygo.sy.chat({ model: 'chat', messages: user('Hi') })).toMatchObject({ capacity: { tier: 'on-demand' }, cost: { nanoUsd: 6_000_000 } });
    await paygo.sy.close();
    expect(seen.map((h) => [h['x-vertex-ai-llm-request-type'], h['x-vertex-ai-llm-shared-request-type']])).toEqual([['dedicated', undefined], ['shared', undefined]]);
  });

  it('should send the header on a Claude stream too (streamRawPredict)', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'Bonjour' } });
    network.use(...mock.handlers);
    const parts: StreamPart[] = [];
    for await (const part of createVertex({ project: 'acme-prod', location: 'us-east5', accessToken: TOKEN, env: {}, requestType: 'provisioned' }).stream({ model: 'claude-sonnet-4-5@20250929', messages: user('Hi') })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish' });
    expect(mock.requests.map((r) => [new URL(r.url).pathname.split(':').at(-1), r.headers['x-vertex-ai-llm-request-type']])).toEqual([['streamRawPredict', 'dedicated']]);
  });

  it('should not claim Priority or Flex PayGo (Gemini tiers) for a Claude request: no header, priced at the default capacity', async () => {
    const seen = claude();
    for (const requestType of ['priority', 'flex']) {
      const { sy, ledger } = setup(requestType, false);
      // The on-demand rate (1000 × 3 + 200 × 15 USD per million), not priority's (double) nor flex's (half).
      expect(await sy.chat({ model: 'chat', messages: user('Hi') })).toMatchObject({ capacity: { tier: 'on-demand' }, cost: { nanoUsd: 6_000_000 } });
      await sy.close();
      expect(ledger.records.map((r) => [r.capacity, r.costNanoUsd])).toEqual([['on-demand', 6_000_000n]]);
    }
    expect(seen.map((h) => [h['x-vertex-ai-llm-request-type'], h['x-vertex-ai-llm-shared-request-type']])).toEqual([[undefined, undefined], [undefined, undefined]]);
  });
});
