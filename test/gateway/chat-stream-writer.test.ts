import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ChatStreamWriter } from '../../src/gateway/wire/chat-stream-writer.ts';

/** A response whose socket buffer is "full" after `capacity` writes, until `drain` is emitted. */
function fakeResponse(capacity: number) {
  const res = Object.assign(new EventEmitter(), {
    writes: [] as string[],
    ended: '' as string | undefined,
    destroyed: false,
    writeHead(_status: number, _headers: string[]) {
      return res;
    },
    write(chunk: string) {
      res.writes.push(chunk);
      return res.writes.length < capacity;
    },
    end(chunk?: string) {
      res.ended = chunk ?? '';
    },
  });
  return res;
}

const tick = () => new Promise((resolve) => process.nextTick(resolve));
const summary = () => ({ provider: 'p', attempts: [], costUsd: '0.000001000', finishReason: 'stop' });
const usage = { inputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0, totalTokens: 3 };

describe('ChatStreamWriter', () => {
  it('should write the chunks of one tick in one write, and wait for drain once the client falls behind', async () => {
    const res = fakeResponse(1);
    const writer = new ChatStreamWriter(res as unknown as ServerResponse, { id: 'chatcmpl-1', created: 1, model: 'chat', includeUsage: false });
    writer.start([]);
    expect(writer.part({ type: 'text-delta', text: 'a' }, summary)).toBe(true);
    expect(writer.part({ type: 'text-delta', text: 'b' }, summary)).toBe(true);
    await tick();
    // One write for the role chunk and both deltas; the fake socket is now full.
    expect(res.writes).toHaveLength(1);
    expect(res.writes[0]?.split('\n\n').filter(Boolean)).toHaveLength(3);
    const waiting = writer.part({ type: 'text-delta', text: 'c' }, summary);
    expect(waiting).toBeInstanceOf(Promise);
    let drained = false;
    void (waiting as Promise<void>).then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    res.emit('drain');
    await waiting;
    expect(writer.part({ type: 'text-delta', text: 'd' }, summary)).toBe(true);
    writer.part({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage, model: 'gpt-4o-2024-08-06', warnings: [] }, summary);
    const events = [...res.writes, res.ended].join('').split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.map((e) => (e.startsWith('data: {') ? (JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '') : '')).join('')).toBe('abcd');
  });

  it('should end with an in-band error and no [DONE]', async () => {
    const res = fakeResponse(100);
    const writer = new ChatStreamWriter(res as unknown as ServerResponse, { id: 'chatcmpl-2', created: 1, model: 'chat', includeUsage: true });
    writer.start([]);
    writer.part({ type: 'text-delta', text: 'partial' }, summary);
    writer.error({ message: 'cut', type: 'server_error', code: 'stream_interrupted', param: null });
    const body = [...res.writes, res.ended].join('');
    expect(body).not.toContain('[DONE]');
    expect(body.trimEnd().split('\n\n').at(-1)).toBe('data: {"error":{"message":"cut","type":"server_error","code":"stream_interrupted","param":null}}');
    expect(body).toContain('"usage":null');
  });
});
