import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { QuotaExhaustedError } from '../../src/errors/index.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const streamBytes = readFileSync(new URL('../fixtures/openai/responses-stream-reasoning-tool-calls.sse', import.meta.url));
const jsonBody = readFileSync(new URL('../fixtures/openai/responses-reasoning-tool-calls.json', import.meta.url), 'utf8');
const quotaBytes = readFileSync(new URL('../fixtures/openai/responses-stream-insufficient-quota.sse', import.meta.url));

const AZURE = 'https://contoso-eastus.openai.azure.com';

/** Serves the recorded bytes in uneven pieces on both OpenAI's and Azure v1's Responses URLs. */
function serve(bytes: Buffer = streamBytes) {
  const answer = async ({ request }: { request: Request }) => {
    const body = (await request.json()) as { stream?: boolean };
    if (!body.stream) return new HttpResponse(jsonBody, { headers: { 'content-type': 'application/json', 'x-request-id': 'req_responses_diff' } });
    return new HttpResponse(unevenByteStream(bytes, [11, 257, 3, 1024, 64, 700]), { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_responses_diff' } });
  };
  network.use(http.post('https://api.openai.com/v1/responses', answer), http.post(`${AZURE}/openai/v1/responses`, answer));
}

const request: ChatRequest = { model: 'gpt-5.1', messages: [{ role: 'system', content: 'Answer in one short sentence.' }, { role: 'user', content: 'Weather and time in Paris?' }], reasoning: { effort: 'medium', summary: true } };
const officialParams = { model: 'gpt-5.1', instructions: 'Answer in one short sentence.', input: 'Weather and time in Paris?', store: false, include: ['reasoning.encrypted_content' as const] };

/** What the official `Response` says, in Switchyard's terms. */
function officialView(response: OpenAI.Responses.Response) {
  const calls = response.output.flatMap((item) => (item.type === 'function_call' ? [{ id: item.call_id, name: item.name, args: item.arguments }] : []));
  const reasoning = response.output.flatMap((item) => (item.type === 'reasoning' ? item.summary.map((s) => s.text) : [])).join('\n\n');
  const encrypted = response.output.flatMap((item) => (item.type === 'reasoning' ? [{ id: item.id, encrypted_content: item.encrypted_content }] : []));
  return { text: response.output_text, calls, reasoning, encrypted, usage: response.usage, model: response.model, status: response.status };
}

describe('Responses differential: the official openai package and Switchyard on the same bytes', () => {
  it("should agree on a streamed answer with the package's own Responses stream accumulator as the reference", async () => {
    serve();
    const client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 });
    const official = officialView(await client.responses.stream(officialParams).finalResponse());

    serve();
    const parts = await collectParts(createOpenAI({ apiKey: 'sk-test', api: 'responses' }).stream(request));
    const text = parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
    const reasoning = parts.map((p) => (p.type === 'reasoning-delta' ? p.text : '')).join('');
    const calls = parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, args: p.rawArguments }] : []));
    const finish = parts.at(-1);

    expect(text).toBe(official.text);
    expect(text).toBe('Let me check both for you — 🌦️.');
    expect(reasoning).toBe(official.reasoning);
    expect(calls).toEqual(official.calls);
    expect(calls.map((c) => JSON.parse(c.args))).toEqual([{ city: 'Paris', unit: 'c' }, { zone: 'Europe/Paris' }]);
    // Every content part came before the one finish part.
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    if (finish?.type !== 'finish') throw new Error('no finish part');
    expect(finish.finishReason).toBe('tool-calls');
    expect(finish.rawFinishReason).toBe(official.status);
    expect(finish.usage.raw).toEqual(official.usage);
    expect(finish.usage).toMatchObject({ inputTokens: official.usage?.input_tokens, cachedInputTokens: 1024, outputTokens: official.usage?.output_tokens, reasoningTokens: 128, totalTokens: official.usage?.total_tokens });
    expect(finish.model).toBe(official.model);
    expect(finish.requestId).toBe('req_responses_diff');
    expect(finish.reasoningState?.text).toBe(official.reasoning);
    const items = (finish.reasoningState?.providerData as { items: Array<{ id: string; encrypted_content: string }> } | undefined)?.items ?? [];
    // The finished item's encrypted content (output_item.added carries only a part of it).
    expect(items.map((i) => ({ id: i.id, encrypted_content: i.encrypted_content }))).toEqual(official.encrypted);
    expect(finish.reasoningState?.providerData).toMatchObject({ format: 'openai-responses', provider: 'openai' });
  });

  it('should agree on a non-streamed answer, also through Azure v1', async () => {
    serve();
    const official = officialView(await new OpenAI({ apiKey: 'sk-test', maxRetries: 0 }).responses.create(officialParams));
    for (const provider of [createOpenAI({ apiKey: 'sk-test', api: 'responses' }), createAzureOpenAI({ endpoint: AZURE, apiKey: 'azure-key-0123456789abcdef', api: 'responses' })]) {
      serve();
      const ours = await provider.chat({ ...request, model: 'prod-gpt51' });
      expect(ours.text).toBe(official.text);
      expect(ours.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.rawArguments }))).toEqual(official.calls);
      expect(ours.reasoning).toBe(official.reasoning);
      expect(ours.usage.raw).toEqual(official.usage);
      expect(ours.model).toBe(official.model);
      expect(ours.finishReason).toBe('tool-calls');
      expect((ours.reasoningState?.providerData as unknown as { items: unknown[] }).items).toEqual(official.encrypted.map((e) => ({ type: 'reasoning', id: e.id, summary: expect.any(Array), encrypted_content: e.encrypted_content })));
    }
  });

  it('should fail over on insufficient_quota after response.created (Bifrost #5395): both clients fail, Switchyard with a typed error before any content', async () => {
    serve(quotaBytes);
    const officialError = await new OpenAI({ apiKey: 'sk-test', maxRetries: 0 }).responses.stream(officialParams).finalResponse().catch((e: unknown) => e);
    expect(officialError).toBeInstanceOf(Error);
    expect(String((officialError as Error).message)).toContain('You exceeded your current quota');

    serve(quotaBytes);
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of createOpenAI({ apiKey: 'sk-test', api: 'responses' }).stream(request)) parts.push(part);
    })().then(() => undefined, (e: unknown) => e);
    expect(parts).toEqual([]);
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    expect(error).toMatchObject({ code: 'quota_exhausted', providerCode: 'insufficient_quota', retryable: false, provider: 'openai' });
    expect((error as Error).message).toContain('You exceeded your current quota');
  });
});
