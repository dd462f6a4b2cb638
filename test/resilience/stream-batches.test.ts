import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, StreamInterruptedError, VersionDriftError } from '../../src/errors/index.ts';
import { PartStream } from '../../src/http/part-stream.ts';
import { READ_PARTS, type PartBatchSource } from '../../src/http/read-parts.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { ServedTarget } from '../../src/types/served-target.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';

type Read = StreamPart[] | Error;
const text = (t: string): StreamPart => ({ type: 'text-delta', text: t });
const finish = (model: string): StreamPart => ({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: { inputTokens: 3, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0, totalTokens: 5 }, model, warnings: [] });

/** A stream that answers in network reads: each entry is the parts of one read, or the error it ends with. */
class BatchedStream extends PartStream {
  readonly #reads: Read[];
  #n = 0;
  constructor(reads: Read[]) {
    super();
    this.#reads = reads;
  }
  protected async read(out: StreamPart[]): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    const read = this.#reads[this.#n++] as Read;
    if (read instanceof Error) throw read;
    out.push(...read);
    return this.#n < this.#reads.length;
  }
  protected release(): void {}
}

function batchedDefinition(scripts: Record<string, Read[]>): ProviderDefinition {
  return {
    type: 'batched',
    configSchema: z.strictObject({}),
    create(_config, context): Provider {
      return {
        id: context.id,
        type: 'batched',
        capabilities: {},
        chat: () => Promise.reject(new Error('not used')),
        embed: () => Promise.reject(new Error('not used')),
        stream: () => new BatchedStream(scripts[context.id] as Read[]),
      };
    },
  };
}

function setup(scripts: Record<string, Read[]>, extra: Record<string, unknown> = {}) {
  const providers = Object.fromEntries(Object.keys(scripts).map((id) => [id, { type: 'batched' }]));
  const targets = Object.keys(scripts).map((id) => ({ provider: id, model: 'm-2024-08-06', pin: 'm-2024-08-06' }));
  return createSwitchyard({ providers, models: { chat: { targets, ...extra } } }, { providers: [batchedDefinition(scripts)], telemetry: false, env: {} });
}

const request = { model: 'chat', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('stream delivery in batches', () => {
  it('should serve overlapping reads in order across batches, the finish part carrying provider and attempts', async () => {
    const sy = setup({ a: [[text('a'), text('b')], [text('c'), finish('m-2024-08-06')]] });
    const iterator = sy.stream(request)[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((r) => (r.done ? 'done' : r.value.type === 'text-delta' ? r.value.text : r.value.type))).toEqual(['a', 'b', 'c', 'finish', 'done']);
    const last = results[3]?.value as Extract<StreamPart, { type: 'finish' }>;
    expect(last.provider).toBe('a');
    expect(last.attempts?.map((x) => x.outcome)).toEqual(['success']);
    await sy.close();
  });

  it('should hand a whole network read to the batch read', async () => {
    const sy = setup({ a: [[text('a'), text('b'), text('c')], [text('d'), finish('m-2024-08-06')]] });
    const routed = sy.stream(request)[Symbol.asyncIterator]() as AsyncIterator<StreamPart> & PartBatchSource;
    expect((await routed[READ_PARTS]())?.map((p) => p.type === 'text-delta' && p.text)).toEqual(['a', 'b', 'c']);
    const second = await routed[READ_PARTS]();
    expect(second?.map((p) => p.type)).toEqual(['text-delta', 'finish']);
    expect(await routed[READ_PARTS]()).toBeUndefined();
    await sy.close();
  });

  it('should name the serving target once the stream opened (served), the fallback after a failover', async () => {
    const sy = setup({ a: [[], new ProviderUnavailableError('a answered 503', { status: 503, retryable: true })], b: [[text('from b'), finish('m-2024-08-06')]] });
    const routed = sy.stream(request)[Symbol.asyncIterator]() as AsyncIterator<StreamPart> & PartBatchSource & { readonly served?: ServedTarget };
    expect(routed.served).toBeUndefined();
    const first = await routed[READ_PARTS]();
    expect(first?.map((p) => p.type)).toEqual(['text-delta', 'finish']);
    expect(routed.served).toEqual({ provider: 'b', model: 'm-2024-08-06' });
    await sy.close();
  });

  it('should fail over when a read fails before any content, and interrupt after content', async () => {
    const early = setup({ a: [[], new ProviderUnavailableError('a answered 503', { status: 503, retryable: true })], b: [[text('from b'), finish('m-2024-08-06')]] });
    const parts: StreamPart[] = [];
    for await (const part of early.stream(request)) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual(['text-delta', 'finish']);
    expect((parts[1] as { provider?: string }).provider).toBe('b');
    await early.close();

    const late = setup({ a: [[text('x'), text('y')], new ProviderUnavailableError('a cut', { status: 503, retryable: true })], b: [[text('never'), finish('m-2024-08-06')]] });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const part of late.stream(request)) if (part.type === 'text-delta') seen.push(part.text);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['x', 'y']);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partsDelivered).toBe(2);
    await late.close();
  });

  it('should deliver the parts of a batch before a drift on its finish part, then end with the drift', async () => {
    const sy = setup({ a: [[text('a'), text('b'), finish('m-2025-01-01')]] }, { versions: { onDrift: 'error' } });
    const routed = sy.stream(request)[Symbol.asyncIterator]() as AsyncIterator<StreamPart> & PartBatchSource;
    expect((await routed[READ_PARTS]())?.map((p) => p.type)).toEqual(['text-delta', 'text-delta']);
    const error = await routed[READ_PARTS]().catch((e: unknown) => e);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(VersionDriftError.isInstance((error as Error).cause)).toBe(true);
    await sy.close();
  });
});
