import { readFileSync } from 'node:fs';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { ProviderUnavailableError, StreamInterruptedError } from '../../src/errors/index.ts';
import type { CapturedRequest } from '../../src/testing/script-step.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const TOKEN = 'ya29.a0AfB_differential-token-0123456789abcdef';
const BASE = 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-east5/publishers/anthropic/models';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/anthropic-vertex/${name}`, import.meta.url), 'utf8');

/** A google-auth-library AuthClient as far as the SDK uses it: request headers with the bearer token, and the project. */
const authClient = { projectId: 'acme-prod', getRequestHeaders: async () => new Headers({ authorization: `Bearer ${TOKEN}` }) } as never;
/** The official client; `anthropic-version` set as the body's `anthropic_version` (the SDK moves the header there). */
const official = (version?: string) => new AnthropicVertex({ region: 'us-east5', projectId: 'acme-prod', authClient, maxRetries: 0, ...(version ? { defaultHeaders: { 'anthropic-version': version } } : {}) });
const switchyard = (version?: 'vertex-2023-10-16' | '2026-10-21') => createVertex({ project: 'acme-prod', location: 'us-east5', accessToken: TOKEN, env: {}, ...(version ? { anthropic: { version } } : {}) });

/** Records every request to a Claude model and answers with `body` (SSE in uneven reads for streamRawPredict). */
function serve(body: string, stream = false): CapturedRequest[] {
  const requests: CapturedRequest[] = [];
  network.use(
    http.post(new RegExp(`^${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+:(rawPredict|streamRawPredict)$`), async ({ request }) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      requests.push({ method: request.method, url: request.url, headers, body: await request.json() });
      if (!stream) return new HttpResponse(body, { headers: { 'content-type': 'application/json', 'request-id': 'req_vrtx_diff' } });
      return new HttpResponse(unevenByteStream(new TextEncoder().encode(body), [5, 97, 13, 400]), { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_vrtx_diff' } });
    }),
  );
  return requests;
}

/** The same request, in the SDK's parameters and in Switchyard's contract. */
const MODEL = 'claude-sonnet-4-5@20250929';
const params = {
  model: MODEL,
  max_tokens: 1024,
  system: 'Answer in one sentence.',
  messages: [
    { role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Accra?' }] },
    { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_vrtx_01A', name: 'get_weather', input: { city: 'Accra' } }] },
    { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_vrtx_01A', content: '{"tempC":31}' }] },
  ],
  tools: [{ name: 'get_weather', description: 'Current weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }],
  tool_choice: { type: 'auto' as const },
  stop_sequences: ['END'],
};
const request = {
  model: MODEL,
  maxTokens: 1024,
  messages: [
    { role: 'system' as const, content: 'Answer in one sentence.' },
    { role: 'user' as const, content: 'Weather in Accra?' },
    { role: 'assistant' as const, content: null, toolCalls: [{ id: 'toolu_vrtx_01A', name: 'get_weather', arguments: { city: 'Accra' } }] },
    { role: 'tool' as const, toolCallId: 'toolu_vrtx_01A', content: '{"tempC":31}' },
  ],
  tools: [{ name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
  toolChoice: 'auto' as const,
  stop: 'END',
};

describe('Claude on Vertex differential: @anthropic-ai/vertex-sdk and Switchyard on the same bytes', () => {
  it('should build the same URL, credentials and body (no model, anthropic_version in the body)', async () => {
    const sdk = serve(fixture('cached-conversation.json'));
    await official('vertex-2023-10-16').messages.create(params);
    const ours = serve(fixture('cached-conversation.json'));
    await switchyard().chat(request);
    const [a, b] = [sdk[0] as CapturedRequest, ours[0] as CapturedRequest];
    expect(b.url).toBe(a.url);
    expect(b.url).toBe(`${BASE}/${MODEL}:rawPredict`);
    expect(b.headers.authorization).toBe(a.headers.authorization);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    expect(a.headers['anthropic-version']).toBeUndefined();
    expect(b.headers['anthropic-version']).toBeUndefined();
    expect(b.body).toEqual(a.body);
    expect(a.body).toMatchObject({ anthropic_version: 'vertex-2023-10-16' });
    expect(a.body.model).toBeUndefined();
  });

  it('should build the same body for thinking, prompt caching and a PDF document as the SDK given the documented fields', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');
    const sdk = serve(fixture('cached-conversation.json'));
    await official('vertex-2023-10-16').messages.create({
      model: MODEL,
      max_tokens: 16_000,
      system: [{ type: 'text', text: 'You answer questions about contracts.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'When does it renew?' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, title: 'msa.pdf', cache_control: { type: 'ephemeral' } }] }],
      thinking: { type: 'enabled', budget_tokens: 4096 },
    });
    const ours = serve(fixture('cached-conversation.json'));
    await switchyard().chat({
      model: MODEL,
      maxTokens: 16_000,
      messages: [
        { role: 'system', content: 'You answer questions about contracts.' },
        { role: 'user', content: [{ type: 'text', text: 'When does it renew?' }, { type: 'file', data: pdf, mediaType: 'application/pdf', filename: 'msa.pdf' }] },
      ],
      reasoning: { budgetTokens: 4096 },
      cache: { breakpoints: ['system', 'history'] },
    });
    expect(ours[0]?.url).toBe(sdk[0]?.url);
    expect(ours[0]?.body).toEqual(sdk[0]?.body);
  });

  it('should build the same streaming request, also on the SDK default API version 2026-10-21', async () => {
    const sdk = serve(fixture('text.sse'), true);
    const stream = await official().messages.create({ ...params, stream: true });
    for await (const _event of stream) {
      // Drained: only the request is compared here.
    }
    const ours = serve(fixture('text.sse'), true);
    await collectParts(switchyard('2026-10-21').stream(request));
    expect(ours[0]?.url).toBe(sdk[0]?.url);
    expect(ours[0]?.url).toBe(`${BASE}/${MODEL}:streamRawPredict`);
    expect(ours[0]?.body).toEqual(sdk[0]?.body);
    expect(sdk[0]?.body).toMatchObject({ anthropic_version: '2026-10-21', stream: true });
  });

  it("should read a non-streamed answer as the SDK does: text, stop reason, model, usage with cache reads and writes", async () => {
    const body = fixture('cached-conversation.json');
    serve(body);
    const message = await official('vertex-2023-10-16').messages.create(params);
    serve(body);
    const result = await switchyard().chat(request);
    const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(result.text).toBe(text);
    expect(result.rawFinishReason).toBe(message.stop_reason);
    expect(result.model).toBe(message.model);
    const u = message.usage;
    expect(result.usage).toMatchObject({ inputTokens: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), cachedInputTokens: u.cache_read_input_tokens, cacheWriteTokens: u.cache_creation_input_tokens, outputTokens: u.output_tokens });
  });

  it("should read a stream as the SDK's MessageStream accumulates it: text, thinking and signature, tool input, usage", async () => {
    const bytes = fixture('thinking-tool-use.sse');
    serve(bytes, true);
    const final = await official('vertex-2023-10-16').messages.stream({ ...params, model: 'claude-opus-4-6' }).finalMessage();
    serve(bytes, true);
    const parts = await collectParts(switchyard().stream({ ...request, model: 'claude-opus-4-6' }));
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;

    const sdkThinking = final.content.flatMap((b) => (b.type === 'thinking' ? [{ type: 'thinking', thinking: b.thinking, signature: b.signature }] : []));
    expect(finish.reasoningState?.providerData?.blocks).toEqual(sdkThinking);
    expect(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p as { text: string }).text).join('')).toBe(sdkThinking[0]?.thinking);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe(final.content.map((b) => (b.type === 'text' ? b.text : '')).join(''));
    const sdkCalls = final.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: b.input }] : []));
    expect(parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, arguments: p.arguments }] : []))).toEqual(sdkCalls);
    expect(finish.rawFinishReason).toBe(final.stop_reason);
    expect(finish.model).toBe(final.model);
    const u = final.usage;
    expect(finish.usage).toMatchObject({ inputTokens: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), cacheWriteTokens: u.cache_creation_input_tokens, outputTokens: u.output_tokens, reasoningTokens: u.output_tokens_details?.thinking_tokens });
  });

  it('should agree that an error event mid-stream is an overloaded_error', async () => {
    const bytes = fixture('overloaded-mid-stream.sse');
    serve(bytes, true);
    const sdkError = await official('vertex-2023-10-16')
      .messages.stream(params)
      .finalMessage()
      .then(() => undefined, (e: unknown) => e as { type?: string; error?: { error?: { type?: string } } });
    serve(bytes, true);
    const ourError = await collectParts(switchyard().stream(request)).then(() => undefined, (e: unknown) => e);
    expect(sdkError?.error?.error?.type ?? sdkError?.type).toBe('overloaded_error');
    expect(ourError).toBeInstanceOf(StreamInterruptedError);
    expect((ourError as Error).cause).toBeInstanceOf(ProviderUnavailableError);
    expect((ourError as { cause: { providerCode?: string } }).cause.providerCode).toBe('overloaded_error');
  });
});
