import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';

const streamBytes = readFileSync(new URL('../fixtures/openai/stream-tool-calls.sse', import.meta.url));
const chatBody = readFileSync(new URL('../fixtures/openai/chat-tool-calls.json', import.meta.url), 'utf8');

/** Serves the recorded bytes in uneven pieces, so event and UTF-8 boundaries fall inside reads. */
function serveRecorded() {
  network.use(
    http.post('https://api.openai.com/v1/chat/completions', async ({ request }) => {
      const body = (await request.json()) as { stream?: boolean };
      if (!body.stream) return new HttpResponse(chatBody, { headers: { 'content-type': 'application/json', 'x-request-id': 'req_diff' } });
      return new HttpResponse(
        unevenByteStream(streamBytes, [7, 130, 61, 333, 5, 900]),
        { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_diff' } },
      );
    }),
  );
}

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Weather and time in Paris?' }] };

describe('OpenAI differential: the official openai package and Switchyard on the same bytes', () => {
  it('should agree on a streamed answer: text, interleaved tool calls and usage', async () => {
    serveRecorded();
    // The package's own stream accumulator (ChatCompletionStream), not a hand-written one: its rules are the reference.
    const client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 });
    const official = await client.chat.completions.stream({ ...request, stream_options: { include_usage: true } }).finalChatCompletion();
    const officialMessage = official.choices[0]?.message;
    const officialText = officialMessage?.content ?? '';
    const officialCalls = (officialMessage?.tool_calls ?? []).map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, args: c.function.arguments } : undefined));
    const officialUsage = official.usage;
    const officialFinish = official.choices[0]?.finish_reason ?? null;

    serveRecorded();
    const parts: StreamPart[] = [];
    for await (const part of createOpenAI({ apiKey: 'sk-test' }).stream(request)) parts.push(part);
    const text = parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
    const calls = parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, args: p.rawArguments }] : []));
    const finish = parts.at(-1);

    expect(text).toBe(officialText);
    expect(text).toBe('Let me check both for you — 🌦️.');
    expect(calls).toEqual(officialCalls);
    expect(calls.map((c) => JSON.parse(c.args))).toEqual([{ city: 'Paris', unit: 'c' }, { zone: 'Europe/Paris' }]);
    expect(finish?.type).toBe('finish');
    if (finish?.type !== 'finish') return;
    expect(finish.rawFinishReason).toBe(officialFinish);
    expect(finish.usage.raw).toEqual(officialUsage);
    expect(finish.usage).toMatchObject({ inputTokens: officialUsage?.prompt_tokens, cachedInputTokens: officialUsage?.prompt_tokens_details?.cached_tokens, outputTokens: officialUsage?.completion_tokens, totalTokens: officialUsage?.total_tokens });
    expect(finish.model).toBe('gpt-4o-2024-08-06');
  });

  it('should agree on a non-streamed answer', async () => {
    serveRecorded();
    const official = await new OpenAI({ apiKey: 'sk-test', maxRetries: 0 }).chat.completions.create(request);
    serveRecorded();
    const ours = await createOpenAI({ apiKey: 'sk-test' }).chat(request);
    const message = official.choices[0]?.message;
    expect(ours.text).toBe(message?.content);
    expect(ours.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.rawArguments }))).toEqual(message?.tool_calls?.map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, args: c.function.arguments } : undefined)));
    expect(ours.usage).toMatchObject({ inputTokens: official.usage?.prompt_tokens, cachedInputTokens: 1024, outputTokens: official.usage?.completion_tokens, reasoningTokens: 16, totalTokens: official.usage?.total_tokens });
    expect(ours.model).toBe(official.model);
  });
});
