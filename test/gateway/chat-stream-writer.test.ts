import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ChatStreamWriter } from '../../src/gateway/wire/chat-stream-writer.ts';
import type { RoutedStreamPart } from '../../src/types/routed-result.ts';
import { fakeResponse } from './helpers/fake-response.ts';

const usage = { inputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0, totalTokens: 3 };
const finish = { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage, model: 'gpt-4o-2024-08-06', warnings: [], provider: 'main', attempts: [], cost: { nanoUsd: 1000, currency: 'USD' } } as unknown as Extract<RoutedStreamPart, { type: 'finish' }>;
const served = { provider: 'main', model: 'gpt-4o' };

describe('ChatStreamWriter', () => {
  it('should write the chunks of one batch in one write, and wait for drain once the client falls behind', async () => {
    const res = fakeResponse(1);
    const writer = new ChatStreamWriter(res as unknown as ServerResponse, { id: 'chatcmpl-1', created: 1, model: 'chat', includeUsage: false });
    writer.start(['x-request-id', 'req-1'], served);
    expect(res.status).toBe(200);
    expect(res.headers).toEqual(['x-request-id', 'req-1', 'content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache', 'x-accel-buffering', 'no']);
    // Nothing is written until the batch is flushed.
    expect(res.writes).toHaveLength(0);
    writer.part({ type: 'text-delta', text: 'a' });
    writer.part({ type: 'text-delta', text: '' });
    writer.part({ type: 'text-delta', text: 'b' });
    // One write for the role chunk and both deltas (the empty one sends nothing); the fake socket is now full.
    const waiting = writer.flush();
    expect(res.writes).toHaveLength(1);
    expect(res.writes[0]?.split('\n\n').filter(Boolean)).toHaveLength(3);
    expect(waiting).toBeInstanceOf(Promise);
    let drained = false;
    void (waiting as Promise<void>).then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    res.emit('drain');
    await waiting;
    expect(writer.flush()).toBe(true);
    writer.part({ type: 'text-delta', text: 'c' });
    writer.finish(finish);
    const events = res.events();
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('abc');
    // The served target's model in every chunk; the provider's own version on the finish chunk.
    expect(chunks.slice(0, -1).map((c) => c.model)).toEqual(['gpt-4o', 'gpt-4o', 'gpt-4o', 'gpt-4o']);
    expect(chunks.at(-1)).toMatchObject({ model: 'gpt-4o-2024-08-06', choices: [{ finish_reason: 'stop' }], switchyard: { provider: 'main', cost_usd: '0.000001000', finish_reason: 'stop' } });
  });

  it('should name the alias when the serving target is not known', () => {
    const res = fakeResponse(100);
    const writer = new ChatStreamWriter(res as unknown as ServerResponse, { id: 'chatcmpl-3', created: 1, model: 'chat', includeUsage: false });
    writer.start([], undefined);
    writer.finish(finish);
    expect(JSON.parse((res.events()[0] as string).slice(6)).model).toBe('chat');
  });

  it('should end with an in-band error and no [DONE]', () => {
    const res = fakeResponse(100);
    const writer = new ChatStreamWriter(res as unknown as ServerResponse, { id: 'chatcmpl-2', created: 1, model: 'chat', includeUsage: true });
    writer.start([], served);
    writer.part({ type: 'text-delta', text: 'partial' });
    writer.error({ message: 'cut', type: 'server_error', code: 'stream_interrupted', param: null });
    const body = [...res.writes, res.ended].join('');
    expect(body).not.toContain('[DONE]');
    expect(res.events().at(-1)).toBe('data: {"error":{"message":"cut","type":"server_error","code":"stream_interrupted","param":null}}');
    expect(body).toContain('"usage":null');
  });
});
