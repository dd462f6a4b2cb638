import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { RateLimitError } from '../../src/errors/index.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { AttemptEndEvent } from '../../src/types/attempt-event.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const KEY = '9d4e2f1a7c3b4e8f9a0b1c2d3e4f5a6b';
const ENDPOINT = 'https://contoso-ptu.openai.azure.com';
const CHAT = `${ENDPOINT}/openai/deployments/:deployment/chat/completions`;
/** The v1 API (the default without apiVersion): the deployment is the body's `model`. */
const CHAT_V1 = `${ENDPOINT}/openai/v1/chat/completions`;
const DEPLOYMENTS = { 'gpt4o-ptu': { model: 'gpt-4o-2024-08-06' }, 'gpt4o-paygo': { model: 'gpt-4o-2024-08-06' } };
const user = (content: string) => [{ role: 'user' as const, content }];

/** The headers every Azure OpenAI answer carries. */
function azureHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'apim-request-id': 'b3c1f0e2-6a4d-4f8e-9b7a-2c5d8e1f0a39', 'x-ms-region': 'East US 2', 'x-ratelimit-remaining-requests': '1999', 'x-ratelimit-remaining-tokens': '1998800', ...extra };
}

/** A chat.completion body as Azure sends it (prompt and completion filter results, usage). */
function completion(text: string, prompt: number, output: number) {
  const safe = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
  return {
    choices: [{ content_filter_results: safe, finish_reason: 'stop', index: 0, logprobs: null, message: { annotations: [], content: text, refusal: null, role: 'assistant' } }],
    created: 1795424400,
    id: 'chatcmpl-BKq7Zt2Xw9mQpL4vN8sR1aYdE3fG5',
    model: 'gpt-4o-2024-08-06',
    object: 'chat.completion',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: { ...safe, jailbreak: { filtered: false, detected: false } } }],
    system_fingerprint: 'fp_ee1d74bde0',
    usage: { completion_tokens: output, prompt_tokens: prompt, total_tokens: prompt + output, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
  };
}

/** Azure's 429 of a provisioned deployment at 100% utilisation. */
const PTU_429 = {
  error: {
    code: '429',
    message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded rate limit of your current AIServices S0 pricing tier. Please retry after 2 seconds.',
  },
};

/** An Azure stream: the prompt-filter chunk, content, finish, usage, [DONE]. */
function streamBody(words: string[], prompt: number): string {
  const base = { created: 1795424400, id: 'chatcmpl-BKq8aU3Yx0nRqM5wO9tS2bZeF4gH6', model: 'gpt-4o-2024-08-06', object: 'chat.completion.chunk', system_fingerprint: 'fp_ee1d74bde0' };
  const events: object[] = [
    { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] },
    { ...base, choices: [{ content_filter_results: {}, delta: { content: '', refusal: null, role: 'assistant' }, finish_reason: null, index: 0, logprobs: null }] },
    ...words.map((w) => ({ ...base, choices: [{ content_filter_results: {}, delta: { content: w }, finish_reason: null, index: 0, logprobs: null }] })),
    { ...base, choices: [{ content_filter_results: {}, delta: {}, finish_reason: 'stop', index: 0, logprobs: null }] },
    { ...base, choices: [], usage: { completion_tokens: words.length, prompt_tokens: prompt, total_tokens: prompt + words.length } },
  ];
  return `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
}

interface Seen {
  deployment: string;
  headers: Record<string, string>;
}

/** Answers the next requests with `answers` in order (the last repeats) and records what was sent. */
function azure(answers: Array<(request: Request) => Response>): Seen[] {
  const seen: Seen[] = [];
  const answer = (deployment: string, request: Request) => {
    seen.push({ deployment, headers: Object.fromEntries(request.headers) });
    return (answers[Math.min(seen.length - 1, answers.length - 1)] as (r: Request) => Response)(request);
  };
  network.use(
    http.post(CHAT, ({ request, params }) => answer(String(params.deployment), request)),
    http.post(CHAT_V1, async ({ request }) => answer(String(((await request.clone().json()) as { model?: string }).model), request)),
  );
  return seen;
}

const byPtu = () => HttpResponse.json(completion('Served on the provisioned deployment.', 1000, 200), { headers: azureHeaders({ 'x-ms-deployment-name': 'gpt4o-ptu' }) });
const spilled2026 = () =>
  HttpResponse.json(completion('Served on the standard deployment.', 1000, 200), { headers: azureHeaders({ 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' }) });
const spilled2025 = () => HttpResponse.json(completion('Served on the standard deployment.', 1000, 200), { headers: azureHeaders({ 'x-ms-spillover-from-gpt4o-ptu': 'gpt4o-ptu' }) });
const spilloverFailed = () => HttpResponse.json(PTU_429, { status: 429, headers: azureHeaders({ 'retry-after': '2', 'retry-after-ms': '2000', 'x-ms-spillover-error': '429' }) });

describe('createAzureOpenAI spillover', () => {
  it('should send x-ms-spillover-deployment from the settings, and report nothing when the provisioned deployment answered', async () => {
    const seen = azure([byPtu]);
    const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS, spillover: { deployment: 'gpt4o-paygo' } });
    const result = await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi') });
    expect(seen[0]).toMatchObject({ deployment: 'gpt4o-ptu', headers: { 'x-ms-spillover-deployment': 'gpt4o-paygo', 'api-key': KEY } });
    expect(result.text).toBe('Served on the provisioned deployment.');
    // Its own answer carries no marker: whether it is provisioned is the config's to say (the router does).
    expect(result.capacity).toBeUndefined();
  });

  it('should report a spilled-over answer with the deployment that served, in both documented header forms', async () => {
    azure([spilled2026, spilled2025]);
    const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS, spillover: { deployment: 'gpt4o-paygo' } });
    expect((await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi') })).capacity).toEqual({ tier: 'spillover', raw: 'x-ms-spillover-from-deployment: gpt4o-ptu', deployment: 'gpt4o-paygo' });
    // Without x-ms-deployment-name, the spillover deployment the request named served it.
    expect((await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi') })).capacity).toEqual({ tier: 'spillover', raw: 'x-ms-spillover-from-gpt4o-ptu: gpt4o-ptu', deployment: 'gpt4o-paygo' });
  });

  it('should read spillover configured on the deployment itself, with no header sent', async () => {
    const seen = azure([spilled2025]);
    const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS });
    const result = await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi') });
    expect(seen[0]?.headers['x-ms-spillover-deployment']).toBeUndefined();
    // Which standard deployment served is not said: left out rather than guessed.
    expect(result.capacity).toEqual({ tier: 'spillover', raw: 'x-ms-spillover-from-gpt4o-ptu: gpt4o-ptu' });
  });

  it('should throw the provisioned deployment’s 429 with the failed spillover on it when spillover failed', async () => {
    azure([spilloverFailed]);
    const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS, spillover: { deployment: 'gpt4o-paygo' } });
    const error = await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 2000, capacity: { tier: 'provisioned', raw: 'x-ms-spillover-error: 429', spilloverError: '429' } });
    expect((error as Error).message).toContain('Spillover was tried and failed: the spillover deployment answered HTTP 429 (x-ms-spillover-error)');
    expect((error as Error).message).not.toContain(KEY);
    // The same on a stream: the 429 comes before any event.
    const parts: StreamPart[] = [];
    const streamError = await (async () => {
      for await (const part of provider.stream({ model: 'gpt4o-ptu', messages: user('Hi') })) parts.push(part);
    })().catch((e: unknown) => e);
    expect(parts).toEqual([]);
    expect(streamError).toMatchObject({ code: 'rate_limit', capacity: { tier: 'provisioned', spilloverError: '429' } });
  });

  it('should not send the spillover header to the spillover deployment itself nor to a standard deployment; a request may set its own', async () => {
    const seen = azure([byPtu]);
    const provider = createAzureOpenAI({
      endpoint: ENDPOINT,
      apiKey: KEY,
      deployments: { ...DEPLOYMENTS, 'embed-std': { model: 'gpt-4o-mini-2024-07-18', capacity: 'standard' } },
      spillover: { deployment: 'gpt4o-paygo' },
    });
    await provider.chat({ model: 'gpt4o-paygo', messages: user('Hi') });
    await provider.chat({ model: 'embed-std', messages: user('Hi') });
    await provider.chat({ model: 'gpt4o-ptu', messages: user('Hi'), spillover: { deployment: 'gpt4o-paygo-eu' } });
    expect(seen.map((s) => [s.deployment, s.headers['x-ms-spillover-deployment']])).toEqual([
      ['gpt4o-paygo', undefined],
      ['embed-std', undefined],
      ['gpt4o-ptu', 'gpt4o-paygo-eu'],
    ]);
  });

  it('should report spillover on a stream’s finish part', async () => {
    azure([() => new HttpResponse(streamBody(['Spilled ', 'stream.'], 40), { headers: azureHeaders({ 'content-type': 'text/event-stream; charset=utf-8', 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' }) })]);
    const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS, spillover: { deployment: 'gpt4o-paygo' } });
    const parts: StreamPart[] = [];
    for await (const part of provider.stream({ model: 'gpt4o-ptu', messages: user('Hi') })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' }, usage: { inputTokens: 40, outputTokens: 2 } });
  });
});

describe('createSwitchyard with an Azure PTU deployment that spills over', () => {
  /** The PTU resource: billed by the hour, a standard deployment beside it, and that deployment's Data Zone rate. */
  function setup() {
    const config = {
      providers: {
        ptu: {
          type: 'azure-openai',
          endpoint: ENDPOINT,
          apiKey: KEY,
          apiVersion: '2024-10-21',
          deployments: DEPLOYMENTS,
          billing: { type: 'provisioned' as const, units: 50, hourlyUsdPerUnit: 1, tokensPerMinutePerUnit: 2500 },
          prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10, cachedInput: 1.25 }, 'gpt4o-paygo': { input: 2.75, output: 11, cachedInput: 1.375 } },
        },
      },
      models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'ptu', model: 'gpt4o-ptu', spillover: { deployment: 'gpt4o-paygo' } }] } },
    };
    const ledger = createMemoryLedgerStore();
    const sy = createSwitchyard(config, { meter: createMeterFromConfig(config, { ledgerStore: ledger }), telemetry: false });
    const ends: AttemptEndEvent[] = [];
    sy.on('attempt-end', (e) => ends.push(e));
    return { sy, ledger, ends };
  }

  it('should price an attempt the PTU served at 0 and one that spilled over at the spillover deployment’s rate', async () => {
    const seen = azure([byPtu, spilled2026]);
    const { sy, ledger, ends } = setup();
    const onPtu = await sy.chat({ model: 'chat', messages: user('Hi') });
    const spilled = await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(seen.map((s) => s.headers['x-ms-spillover-deployment'])).toEqual(['gpt4o-paygo', 'gpt4o-paygo']);
    expect(onPtu).toMatchObject({ provider: 'ptu', capacity: { tier: 'provisioned' }, cost: { nanoUsd: 0, usd: 0 } });
    // 1000 input × 2.75 + 200 output × 11 USD per million (the deployment's own rate) = 0.00495 USD.
    expect(spilled).toMatchObject({ capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' }, cost: { nanoUsd: 4_950_000, usd: 0.00495 } });
    expect(ends.map((e) => e.capacity)).toEqual([{ tier: 'provisioned' }, { tier: 'spillover', raw: 'x-ms-spillover-from-deployment: gpt4o-ptu', deployment: 'gpt4o-paygo' }]);
    await sy.close();
    expect(ledger.records.map((r) => [r.capacity, r.servedDeployment, r.requestedModel, r.costNanoUsd])).toEqual([
      ['provisioned', null, 'gpt4o-ptu', 0n],
      ['spillover', 'gpt4o-paygo', 'gpt4o-ptu', 4_950_000n],
    ]);
  });

  it('should record a failed spillover as the PTU’s own 429, on the provisioned tier, costing nothing, and count it against the circuit', async () => {
    azure([spilloverFailed]);
    const { sy, ledger } = setup();
    const error = await sy.chat({ model: 'chat', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'all_attempts_failed', errors: [{ code: 'rate_limit', capacity: { tier: 'provisioned', spilloverError: '429' } }] });
    expect(sy.health().targets[0]).toMatchObject({ provider: 'ptu', consecutiveFailures: 1 });
    await sy.close();
    expect(ledger.records.map((r) => [r.outcome, r.errorCode, r.capacity, r.servedDeployment, r.costNanoUsd])).toEqual([['error', 'rate_limit', 'provisioned', null, 0n]]);
  });

  it('should price a spilled-over stream at the spillover deployment’s rate, with the tier on its finish part', async () => {
    azure([() => new HttpResponse(streamBody(['Spilled ', 'stream.'], 1000), { headers: azureHeaders({ 'content-type': 'text/event-stream; charset=utf-8', 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' }) })]);
    const { sy, ledger } = setup();
    const parts: StreamPart[] = [];
    for await (const part of sy.stream({ model: 'chat', messages: user('Hi') })) parts.push(part);
    // 1000 × 2.75 + 2 × 11 USD per million = 0.002772 USD.
    expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'ptu', capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' }, cost: { nanoUsd: 2_772_000 } });
    await sy.close();
    expect(ledger.records.map((r) => [r.operation, r.capacity, r.servedDeployment, r.costNanoUsd])).toEqual([['stream', 'spillover', 'gpt4o-paygo', 2_772_000n]]);
  });

  it('should price a stream the PTU served at 0, on the provisioned tier', async () => {
    azure([() => new HttpResponse(streamBody(['On ', 'the ', 'PTU.'], 1000), { headers: azureHeaders({ 'content-type': 'text/event-stream; charset=utf-8' }) })]);
    const { sy, ledger } = setup();
    const parts: StreamPart[] = [];
    for await (const part of sy.stream({ model: 'chat', messages: user('Hi') })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', capacity: { tier: 'provisioned' }, cost: { nanoUsd: 0 }, usage: { inputTokens: 1000, outputTokens: 3 } });
    await sy.close();
    expect(ledger.records.map((r) => [r.operation, r.capacity, r.servedDeployment, r.costNanoUsd])).toEqual([['stream', 'provisioned', null, 0n]]);
  });

  it('should charge a standard deployment addressed directly per token, even on a PTU-billed resource', async () => {
    azure([() => HttpResponse.json(completion('Direct.', 1000, 200), { headers: azureHeaders() })]);
    const { sy, ledger } = setup();
    const result = await sy.chat({ model: 'ptu:gpt4o-paygo', messages: user('Hi') });
    expect(result).toMatchObject({ capacity: { tier: 'standard' }, cost: { nanoUsd: 4_950_000 } });
    await sy.close();
    expect(ledger.records[0]).toMatchObject({ capacity: 'standard', servedDeployment: null, costNanoUsd: 4_950_000n });
  });
});
