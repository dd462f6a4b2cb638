import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { AzureOpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI, type AzureTokenCredential } from '../../adapters/azure-openai/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';

const ENDPOINT = 'https://contoso-westeurope.openai.azure.com';
const KEY = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';
const API_VERSION = '2024-10-21';
const streamBytes = readFileSync(new URL('../fixtures/azure-openai/stream-tool-calls.sse', import.meta.url));
const chatBody = readFileSync(new URL('../fixtures/azure-openai/chat-tool-calls.json', import.meta.url), 'utf8');
const AZURE_HEADERS = { 'apim-request-id': 'c0ffee00-1234-4abc-9def-0123456789ab', 'x-ms-region': 'West Europe', 'x-ratelimit-remaining-requests': '1999', 'x-ratelimit-remaining-tokens': '1998530' };

/** Serves the recorded Azure bytes in uneven pieces, so event and UTF-8 boundaries fall inside reads. */
function serveRecorded(urls: string[]) {
  network.use(
    http.post(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`, async ({ request }) => {
      urls.push(request.url);
      const body = (await request.json()) as { stream?: boolean };
      if (!body.stream) return new HttpResponse(chatBody, { headers: { 'content-type': 'application/json', ...AZURE_HEADERS } });
      return new HttpResponse(
        unevenByteStream(streamBytes, [11, 257, 3, 640, 97, 1500]),
        { headers: { 'content-type': 'text/event-stream; charset=utf-8', ...AZURE_HEADERS } },
      );
    }),
  );
}

const request = { model: 'prod-gpt4o', messages: [{ role: 'user' as const, content: 'Weather and time in Zürich?' }] };
const azureSettings = { endpoint: ENDPOINT, apiKey: KEY, apiVersion: API_VERSION, deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-11-20' } } };

describe('Azure differential: the openai package\'s AzureOpenAI and Switchyard on the same bytes', () => {
  it('should agree on a streamed answer: text, interleaved tool calls and usage', async () => {
    const urls: string[] = [];
    serveRecorded(urls);
    // The package's own stream accumulator (ChatCompletionStream), not a hand-written one: its rules are the reference.
    const client = new AzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: API_VERSION, maxRetries: 0 });
    const official = await client.chat.completions.stream(request).finalChatCompletion();
    const officialMessage = official.choices[0]?.message;
    const officialText = officialMessage?.content ?? '';
    const officialCalls = (officialMessage?.tool_calls ?? []).map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, args: c.function.arguments } : undefined));
    const officialUsage = official.usage;
    const officialFinish = official.choices[0]?.finish_reason ?? null;
    const officialModel = official.model;

    serveRecorded(urls);
    const parts: StreamPart[] = [];
    for await (const part of createAzureOpenAI(azureSettings).stream(request)) parts.push(part);
    const text = parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
    const calls = parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, args: p.rawArguments }] : []));
    const finish = parts.at(-1);

    expect(urls).toEqual([`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21`, `${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21`]);
    expect(text).toBe(officialText);
    expect(text).toBe('Checking the weather and time in Zürich — one moment ☀️.');
    expect(calls).toEqual(officialCalls);
    expect(calls.map((c) => JSON.parse(c.args))).toEqual([{ city: 'Zürich', unit: 'c' }, { zone: 'Europe/Zurich' }]);
    if (finish?.type !== 'finish') throw new Error('the stream did not end with a finish part');
    expect(finish.rawFinishReason).toBe(officialFinish);
    expect(finish.usage.raw).toEqual(officialUsage);
    expect(finish.usage).toMatchObject({ inputTokens: officialUsage?.prompt_tokens, cachedInputTokens: officialUsage?.prompt_tokens_details?.cached_tokens, outputTokens: officialUsage?.completion_tokens, totalTokens: officialUsage?.total_tokens });
    expect(finish.model).toBe(officialModel);
    expect(finish).toMatchObject({ model: 'gpt-4o-2024-11-20', requestId: 'c0ffee00-1234-4abc-9def-0123456789ab', rateLimit: { remainingRequests: 1999, remainingTokens: 1998530 } });
  });

  it('should agree on a non-streamed answer', async () => {
    const urls: string[] = [];
    serveRecorded(urls);
    const official = await new AzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: API_VERSION, maxRetries: 0 }).chat.completions.create(request);
    serveRecorded(urls);
    const ours = await createAzureOpenAI(azureSettings).chat(request);
    const message = official.choices[0]?.message;
    expect(ours.text).toBe(message?.content);
    expect(ours.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.rawArguments }))).toEqual(message?.tool_calls?.map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, args: c.function.arguments } : undefined)));
    expect(ours.usage).toMatchObject({ inputTokens: official.usage?.prompt_tokens, cachedInputTokens: 1152, outputTokens: official.usage?.completion_tokens, totalTokens: official.usage?.total_tokens });
    expect(ours.model).toBe(official.model);
    expect(ours.requestId).toBe('c0ffee00-1234-4abc-9def-0123456789ab');
  });
});

describe('AzureOpenAIProvider.getAzureOpenAIClient', () => {
  it('should hand out an AzureOpenAI on the same endpoint, api-version and key, with retries off', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'from the official client' } });
    network.use(...mock.handlers);
    const client = await createAzureOpenAI({ ...azureSettings, headers: { 'X-Tenant': 'acme' } }).getAzureOpenAIClient();
    expect(client).toBeInstanceOf(AzureOpenAI);
    expect(client.maxRetries).toBe(0);
    const completion = await client.chat.completions.create({ model: 'prod-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('from the official client');
    expect(mock.requests[0]?.url).toBe(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21`);
    expect(mock.requests[0]?.headers['api-key']).toBe(KEY);
    expect(mock.requests[0]?.headers['x-tenant']).toBe('acme');
  });

  it("should give the AzureOpenAI client the provider's cached Entra token", async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    let calls = 0;
    const credential: AzureTokenCredential = { getToken: async () => ({ token: `entra-${++calls}`, expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, credential, apiVersion: '2025-04-01-preview' });
    await azure.chat({ model: 'prod-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
    const client = await azure.getOpenAIClient();
    await client.chat.completions.create({ model: 'prod-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer entra-1', 'Bearer entra-1']);
    expect(mock.requests.map((r) => r.headers['api-key'])).toEqual([undefined, undefined]);
    expect(mock.requests[1]?.url).toBe(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-04-01-preview`);
    expect(calls).toBe(1);
  });

  it.each([
    ['v1', `${ENDPOINT}/openai/v1/chat/completions`],
    ['preview', `${ENDPOINT}/openai/v1/chat/completions?api-version=preview`],
  ])('should hand out a plain OpenAI client for the v1 API (%s), sending api-key and no Authorization', async (apiVersion, url) => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'v1 ok' } });
    network.use(...mock.handlers);
    const client = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion }).getAzureOpenAIClient();
    expect(client).not.toBeInstanceOf(AzureOpenAI);
    expect(client.baseURL).toBe(`${ENDPOINT}/openai/v1`);
    const completion = await client.chat.completions.create({ model: 'prod-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('v1 ok');
    expect(mock.requests[0]?.url).toBe(url);
    expect(mock.requests[0]?.headers['api-key']).toBe(KEY);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
    expect(mock.requests[0]?.body.model).toBe('prod-gpt4o');
  });
});
