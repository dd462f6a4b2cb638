import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { ContentFilterError, RateLimitError } from '../../src/errors/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { network } from '../setup/network.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const KEY = '3f9c1d7e2b8a4c6f9e0d1a2b3c4d5e6f';
const ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const DEPLOYMENTS = { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } };
const user = (content: string) => [{ role: 'user' as const, content }];

describe('createAzureOpenAI Azure wire quirks', () => {
  it('should skip the leading prompt-filter chunk and take id, model and request id from the right places', async () => {
    const pf = { hate: { filtered: false, severity: 'safe' }, jailbreak: { filtered: false, detected: false }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
    const cf = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
    const chunk = (delta: object, finish: string | null, filters: object) => ({ choices: [{ content_filter_results: filters, delta, finish_reason: finish, index: 0, logprobs: null }], created: 1738326545, id: 'chatcmpl-Ax7Kq2', model: 'gpt-4o-2024-11-20', object: 'chat.completion.chunk', system_fingerprint: 'fp_b705f0c291' });
    const events = [
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: pf }] },
      chunk({ content: '', refusal: null, role: 'assistant' }, null, {}),
      chunk({ content: 'Bonjour ' }, null, cf),
      chunk({ content: 'tout le monde' }, null, cf),
      chunk({}, 'stop', {}),
      { choices: [], created: 1738326545, id: 'chatcmpl-Ax7Kq2', model: 'gpt-4o-2024-11-20', object: 'chat.completion.chunk', system_fingerprint: 'fp_b705f0c291', usage: { completion_tokens: 4, prompt_tokens: 11, total_tokens: 15 } },
    ];
    const sse = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
    network.use(
      http.post(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`, () =>
        new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'apim-request-id': '5e2f1a0b-9c8d-4e7f-a6b5-c4d3e2f1a0b9', 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-remaining-tokens': '59985' } }),
      ),
    );
    const parts = await collectParts(createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-09-01-preview', deployments: DEPLOYMENTS }).stream({ model: 'prod-gpt4o', messages: user('Salut') }));
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text)).toEqual(['Bonjour ', 'tout le monde']);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      model: 'gpt-4o-2024-11-20',
      requestId: '5e2f1a0b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
      rateLimit: { remainingRequests: 59, remainingTokens: 59985 },
      usage: { inputTokens: 11, outputTokens: 4, totalTokens: 15 },
    });
  });

  it('should report the served model, request id and rate-limit headroom of a chat call', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'Hi!', usage: { inputTokens: 9, outputTokens: 3, cachedInputTokens: 0 } }, deployments: { 'prod-gpt4o': 'gpt-4o-2024-11-20' } });
    network.use(...mock.handlers);
    const result = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, deployments: DEPLOYMENTS }).chat({ model: 'prod-gpt4o', messages: user('Hi') });
    expect(result).toMatchObject({ text: 'Hi!', model: 'gpt-4o-2024-11-20', rateLimit: { remainingRequests: 249, remainingTokens: 249840 }, usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 } });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("should fall back to the deployment's model version when the response names no model", async () => {
    network.use(
      http.post(`${ENDPOINT}/openai/deployments/:deployment/chat/completions`, () =>
        HttpResponse.json(
          { id: 'chatcmpl-Ay1', object: 'chat.completion', created: 1738326545, model: '', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop', content_filter_results: {} }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } },
          { headers: { 'apim-request-id': '7d1e3c22-5f0b-4a8e-9c1d-2b3a4c5d6e7f' } },
        ),
      ),
    );
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-10-21', deployments: DEPLOYMENTS });
    const result = await azure.chat({ model: 'prod-gpt4o', messages: user('Hi') });
    expect(result.model).toBe('gpt-4o-2024-08-06');
    expect(result.requestId).toBe('7d1e3c22-5f0b-4a8e-9c1d-2b3a4c5d6e7f');
    const unmapped = await azure.chat({ model: 'staging-gpt4o-mini', messages: user('Hi') });
    expect(unmapped.model).toBe('staging-gpt4o-mini');
  });

  it('should map a content_filter finish to content-filter with the categories, in chat and stream', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'I cannot', finishReason: 'content-filter' }, filteredCategories: ['violence', 'protected_material_text'] });
    network.use(...mock.handlers);
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-10-21' });
    const result = await azure.chat({ model: 'prod-gpt4o', messages: user('…') });
    expect(result).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'content_filter', contentFilter: { categories: ['violence', 'protected_material_text'] } });
    const finish = (await collectParts(azure.stream({ model: 'prod-gpt4o', messages: user('…') }))).at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'content-filter', contentFilter: { categories: ['violence', 'protected_material_text'] } });
  });

  it('should throw ContentFilterError for a filtered prompt (innererror, content_filter_result)', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'error', status: 400, code: 'content_filter' }, filteredCategories: ['self_harm', 'jailbreak'] });
    network.use(...mock.handlers);
    const error = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY }).chat({ model: 'prod-gpt4o', messages: user('…') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({ code: 'content_filter', status: 400, categories: ['self_harm', 'jailbreak'], retryable: false });
    expect((error as ContentFilterError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should throw ContentFilterError for the inner_error / content_filter_results spelling, also when streaming', async () => {
    network.use(
      http.post(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`, () =>
        HttpResponse.json(
          { error: { message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", type: null, param: 'prompt', code: 'content_filter', status: 400, inner_error: { code: 'ResponsibleAIPolicyViolation', content_filter_results: { hate: { filtered: true, severity: 'high' }, jailbreak: { filtered: false, detected: false }, sexual: { filtered: false, severity: 'safe' } } } } },
          { status: 400, headers: { 'apim-request-id': '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d' } },
        ),
      ),
    );
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-10-21' });
    const error = await azure.chat({ model: 'prod-gpt4o', messages: user('…') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'content_filter', categories: ['hate'], requestId: '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d' });
    const streamError = await collectParts(azure.stream({ model: 'prod-gpt4o', messages: user('…') })).catch((e: unknown) => e);
    expect(streamError).toBeInstanceOf(ContentFilterError);
  });

  it('should read a 429 whose code is the string "429", from each retry header', async () => {
    const body = { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.' } };
    for (const [headers, expected] of [
      [{ 'retry-after': '7', 'retry-after-ms': '6250' }, 6250],
      [{ 'x-ms-retry-after-ms': '4100' }, 4100],
      [{ 'retry-after': '7' }, 7000],
    ] as const) {
      network.use(http.post(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`, () => HttpResponse.json(body, { status: 429, headers: { 'apim-request-id': 'b7e1c2d3-0000-4000-8000-000000000429', ...headers } })));
      const error = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-10-21' }).chat({ model: 'prod-gpt4o', messages: user('Hi') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ providerCode: '429', retryable: true, retryAfterMs: expected, requestId: 'b7e1c2d3-0000-4000-8000-000000000429' });
    }
  });

  it('should answer a classic request without api-version with 404, as Azure does (the mock is strict)', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const response = await fetch(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`, { method: 'POST', headers: { 'api-key': KEY, 'content-type': 'application/json' }, body: '{"messages":[]}' });
    expect(response.status).toBe(404);
  });
});
