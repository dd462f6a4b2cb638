import { http, HttpResponse } from 'msw';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import type { MeterWarning } from '../../src/metering/meter-events.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const KEY = 'sk-proj-servicetier0123456789abcdef';
const user = (content: string) => [{ role: 'user' as const, content }];

/** A chat.completion as OpenAI sends it, with the tier that served in `service_tier`. */
function completion(serviceTier: string, prompt = 1000, output = 200) {
  return {
    id: 'chatcmpl-CQ3k9Xv2mLp7RtY4wZ8nB1cD5eF6g',
    object: 'chat.completion',
    created: 1795424400,
    model: 'o3-2025-04-16',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Flex answer.', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 64, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
    service_tier: serviceTier,
    system_fingerprint: null,
  };
}

const HEADERS = { 'x-request-id': 'req_6a1f3c9e2b7d4a8f', 'openai-processing-ms': '18342', 'openai-version': '2020-10-01', 'x-ratelimit-remaining-requests': '9999', 'x-ratelimit-remaining-tokens': '29998800' };

/** Answers with the given service tiers in order (the last repeats) and records the bodies sent. */
function openai(tiers: string[]): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  network.use(
    http.post('https://api.openai.com/v1/chat/completions', async ({ request }) => {
      bodies.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json(completion(tiers[Math.min(bodies.length - 1, tiers.length - 1)] as string), { headers: HEADERS });
    }),
  );
  return bodies;
}

describe('createOpenAI service tiers', () => {
  it('should send serviceTier as service_tier and report the tier that served, as the official client reads it', async () => {
    const bodies = openai(['flex']);
    const official = await new OpenAI({ apiKey: KEY, maxRetries: 0 }).chat.completions.create({ model: 'o3', messages: user('Hi'), service_tier: 'flex' });
    const result = await createOpenAI({ apiKey: KEY }).chat({ model: 'o3', messages: user('Hi'), serviceTier: 'flex' });
    expect(bodies.map((b) => b.service_tier)).toEqual(['flex', 'flex']);
    expect(official.service_tier).toBe('flex');
    expect(result.capacity).toEqual({ tier: 'flex', raw: official.service_tier });
  });

  it('should map default, priority, and report any other tier as unknown with its value', async () => {
    openai(['default', 'priority', 'scale']);
    const provider = createOpenAI({ apiKey: KEY });
    const capacities = [];
    for (let i = 0; i < 3; i++) capacities.push((await provider.chat({ model: 'o3', messages: user('Hi') })).capacity);
    expect(capacities).toEqual([{ tier: 'standard', raw: 'default' }, { tier: 'priority', raw: 'priority' }, { tier: null, raw: 'scale' }]);
  });

  it('should not send service_tier when none is asked for', async () => {
    const bodies = openai(['default']);
    await createOpenAI({ apiKey: KEY }).chat({ model: 'o3', messages: user('Hi') });
    expect(bodies[0]).not.toHaveProperty('service_tier');
  });

  it('should read service_tier from a stream’s chunks', async () => {
    const chunk = (delta: object, finish: string | null) => ({ id: 'chatcmpl-CQ3kA', object: 'chat.completion.chunk', created: 1795424400, model: 'o3-2025-04-16', service_tier: 'flex', system_fingerprint: null, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
    const events = [chunk({ role: 'assistant', content: '', refusal: null }, null), chunk({ content: 'Flex ' }, null), chunk({ content: 'stream.' }, null), chunk({}, 'stop'), { ...chunk({}, null), choices: [], usage: completion('flex').usage }];
    const sse = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
    let sent: Record<string, unknown> | undefined;
    network.use(http.post('https://api.openai.com/v1/chat/completions', async ({ request }) => ((sent = (await request.json()) as Record<string, unknown>), new HttpResponse(sse, { headers: { ...HEADERS, 'content-type': 'text/event-stream; charset=utf-8' } }))));
    const parts: StreamPart[] = [];
    for await (const part of createOpenAI({ apiKey: KEY }).stream({ model: 'o3', messages: user('Hi'), serviceTier: 'flex' })) parts.push(part);
    expect(sent).toMatchObject({ service_tier: 'flex', stream: true });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', capacity: { tier: 'flex', raw: 'flex' }, usage: { inputTokens: 1000, outputTokens: 200 } });
  });
});

describe('createSwitchyard pricing OpenAI attempts by the tier that served', () => {
  function setup(target: Record<string, unknown> = {}, prices: Record<string, unknown> = { 'o3-2025-04-16': [{ input: 2, output: 8, cachedInput: 0.5 }, { tier: 'priority', input: 3.5, output: 14, cachedInput: 0.875 }] }) {
    const config = {
      providers: { openai: { type: 'openai', apiKey: KEY, prices } },
      models: { batch: { targets: [{ provider: 'openai', model: 'o3', pin: 'o3-2025-04-16', ...target }] } },
    };
    const ledger = createMemoryLedgerStore();
    const warnings: MeterWarning[] = [];
    const meter = createMeterFromConfig(config as never, { ledgerStore: ledger, emit: (name, payload) => name === 'warning' && warnings.push(payload as MeterWarning) });
    return { sy: createSwitchyard(config, { meter, telemetry: false }), ledger, warnings };
  }

  it('should send the target’s serviceTier and price a flex answer at the flex rate (half), a default one at the standard rate', async () => {
    const bodies = openai(['flex', 'default']);
    const { sy, ledger } = setup({ serviceTier: 'flex' });
    const flex = await sy.chat({ model: 'batch', messages: user('Hi') });
    // The request's own serviceTier wins over the target's; the answer says what served.
    const standard = await sy.chat({ model: 'batch', messages: user('Hi'), serviceTier: 'default' });
    expect(bodies.map((b) => b.service_tier)).toEqual(['flex', 'default']);
    // 1000 × 2 + 200 × 8 USD per million = 0.0036 USD; flex is priced at Batch rates, half of it.
    expect(flex).toMatchObject({ capacity: { tier: 'flex', raw: 'flex' }, cost: { nanoUsd: 1_800_000, usd: 0.0018 } });
    expect(standard).toMatchObject({ capacity: { tier: 'standard', raw: 'default' }, cost: { nanoUsd: 3_600_000 } });
    await sy.close();
    expect(ledger.records.map((r) => [r.capacity, r.costNanoUsd])).toEqual([['flex', 1_800_000n], ['standard', 3_600_000n]]);
  });

  it('should price priority at the configured priority rate, and a flex answer at a configured flex rate when there is one', async () => {
    openai(['priority', 'flex']);
    const { sy } = setup({}, { 'o3-2025-04-16': [{ input: 2, output: 8 }, { tier: 'priority', input: 3.5, output: 14 }, { tier: 'flex', input: 1, output: 4.5 }] });
    expect((await sy.chat({ model: 'batch', messages: user('Hi') })).cost).toEqual({ nanoUsd: 6_300_000, usd: 0.0063 });
    expect((await sy.chat({ model: 'batch', messages: user('Hi') })).cost).toEqual({ nanoUsd: 1_900_000, usd: 0.0019 });
    await sy.close();
  });

  it('should give a tier Switchyard does not know an unknown cost and one warning', async () => {
    openai(['scale']);
    const { sy, warnings } = setup();
    expect((await sy.chat({ model: 'batch', messages: user('Hi') })).cost).toBeNull();
    expect((await sy.chat({ model: 'batch', messages: user('Hi') })).cost).toBeNull();
    expect(warnings.map((w) => [w.code, w.capacity])).toEqual([['unknown-capacity', 'scale']]);
    await sy.close();
  });

  it('should rank a flex target as cheaper under lowest-cost', async () => {
    const bodies = openai(['flex']);
    const config = {
      providers: { openai: { type: 'openai', apiKey: KEY, prices: { 'o3-2025-04-16': { input: 2, output: 8 } } } },
      models: { batch: { strategy: 'lowest-cost', targets: [{ provider: 'openai', model: 'o3-2025-04-16' }, { provider: 'openai', model: 'o3-2025-04-16', serviceTier: 'flex' }] } },
    };
    const sy = createSwitchyard(config, { meter: createMeterFromConfig(config as never, { ledgerStore: createMemoryLedgerStore() }), telemetry: false });
    await sy.chat({ model: 'batch', messages: user('Hi'), maxTokens: 100 });
    expect(bodies.map((b) => b.service_tier)).toEqual(['flex']);
    await sy.close();
  });

  it('should refuse serviceTier on a target whose provider has no service tiers', () => {
    const config = {
      providers: { v: { type: 'vertex', project: 'acme-prod', accessToken: 'ya29.x' } },
      models: { chat: { targets: [{ provider: 'v', model: 'gemini-2.5-pro', serviceTier: 'flex' }] } },
    };
    const error = (() => {
      try {
        createSwitchyard(config, { env: {}, telemetry: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'models.chat.targets[0].serviceTier',
        message: 'provider v is of type vertex, which does not use serviceTier: it is the OpenAI wire format service_tier, for openai and azure-openai providers. Remove it, or point the target at such a provider.',
      },
    ]);
  });
});

describe('createOpenAI service tiers on the Responses API', () => {
  /** A Responses `response` object as OpenAI sends it, with the tier that served in `service_tier`. */
  const response = (serviceTier: string) => ({
    id: 'resp_0c1f7e3a9b2d4c6e8f0a1b2c3d4e5f6a',
    object: 'response',
    created_at: 1795424400,
    status: 'completed',
    model: 'o3-2025-04-16',
    output: [{ id: 'msg_7a2b', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Flex answer.', annotations: [] }] }],
    usage: { input_tokens: 1000, input_tokens_details: { cached_tokens: 0 }, output_tokens: 200, output_tokens_details: { reasoning_tokens: 64 }, total_tokens: 1200 },
    service_tier: serviceTier,
  });

  it('should send serviceTier as service_tier and report the tier that served, plain and streamed', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    network.use(
      http.post('https://api.openai.com/v1/responses', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (!body.stream) return HttpResponse.json(response('flex'), { headers: HEADERS });
        const done = { type: 'response.completed', sequence_number: 2, response: response('flex') };
        const events = [
          `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...response('flex'), status: 'in_progress', output: [], usage: null } })}\n\n`,
          `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_7a2b', output_index: 0, content_index: 0, delta: 'Flex answer.' })}\n\n`,
          `event: response.completed\ndata: ${JSON.stringify(done)}\n\n`,
        ];
        return new HttpResponse(events.join(''), { headers: { ...HEADERS, 'content-type': 'text/event-stream; charset=utf-8' } });
      }),
    );
    const provider = createOpenAI({ apiKey: KEY, api: 'responses' });
    const result = await provider.chat({ model: 'o3', messages: user('Hi'), serviceTier: 'flex' });
    expect(result.capacity).toEqual({ tier: 'flex', raw: 'flex' });
    let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
    for await (const part of provider.stream({ model: 'o3', messages: user('Hi'), serviceTier: 'flex' })) if (part.type === 'finish') finish = part;
    expect(finish?.capacity).toEqual({ tier: 'flex', raw: 'flex' });
    expect(bodies.map((b) => b.service_tier)).toEqual(['flex', 'flex']);
  });
});
