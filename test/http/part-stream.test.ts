import { describe, expect, it } from 'vitest';
import { PartStream } from '../../src/http/part-stream.ts';
import { READ_PARTS, readParts } from '../../src/http/read-parts.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';

const text = (t: string): StreamPart => ({ type: 'text-delta', text: t });

/** A stream scripted per read: each entry is the parts of one read, an error to throw after them, or a wait. */
class ScriptedStream extends PartStream {
  readonly reads: Array<{ parts: StreamPart[]; error?: Error; wait?: Promise<void>; last?: boolean }>;
  released = 0;
  readCalls = 0;
  constructor(reads: ScriptedStream['reads']) {
    super();
    this.reads = reads;
  }
  protected async read(out: StreamPart[]): Promise<boolean> {
    const step = this.reads[this.readCalls++];
    if (!step) throw new Error('read after the end');
    if (step.wait) await step.wait;
    out.push(...step.parts);
    if (step.error) throw step.error;
    return !step.last;
  }
  protected release(): void {
    this.released++;
  }
}

async function collect(stream: AsyncIterable<StreamPart>): Promise<{ parts: string[]; error?: unknown }> {
  const parts: string[] = [];
  try {
    for await (const part of stream) parts.push(part.type === 'text-delta' ? part.text : part.type);
  } catch (error) {
    return { parts, error };
  }
  return { parts };
}

describe('PartStream', () => {
  it('should hand out the parts of each read one at a time, then end', async () => {
    const stream = new ScriptedStream([{ parts: [text('a'), text('b')] }, { parts: [] }, { parts: [text('c')], last: true }]);
    expect(await collect(stream)).toEqual({ parts: ['a', 'b', 'c'] });
    // An empty read is read past: three reads in all, none after the last.
    expect(stream.readCalls).toBe(3);
    expect(stream.released).toBe(0);
  });

  it('should deliver the parts read before an error, then throw it once, then end', async () => {
    const boom = new Error('cut');
    const stream = new ScriptedStream([{ parts: [text('a')] }, { parts: [text('b'), text('c')], error: boom }]);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(text('a'));
    expect((await iterator.next()).value).toEqual(text('b'));
    expect((await iterator.next()).value).toEqual(text('c'));
    await expect(iterator.next()).rejects.toBe(boom);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('should give each of several overlapping reads the next part', async () => {
    let open!: () => void;
    const wait = new Promise<void>((resolve) => (open = resolve));
    const stream = new ScriptedStream([{ parts: [text('a'), text('b')], wait }, { parts: [text('c')], last: true }]);
    const reads = [stream.next(), stream.next(), stream.next(), stream.next()];
    open();
    const results = await Promise.all(reads);
    expect(results.map((r) => (r.done ? 'done' : (r.value as { text: string }).text))).toEqual(['a', 'b', 'c', 'done']);
  });

  it('should end an overlapping read quietly when the first one got the error', async () => {
    const boom = new Error('refused');
    const stream = new ScriptedStream([{ parts: [], error: boom }]);
    const first = stream.next();
    const second = stream.next();
    await expect(first).rejects.toBe(boom);
    expect(await second).toEqual({ done: true, value: undefined });
  });

  it('should release once on return(), also while a read is in flight, and end that read', async () => {
    let open!: () => void;
    const wait = new Promise<void>((resolve) => (open = resolve));
    const stream = new ScriptedStream([{ parts: [text('a')], wait, error: new Error('aborted by the release') }]);
    const pending = stream.next();
    expect(await stream.return()).toEqual({ done: true, value: undefined });
    await stream.return();
    open();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(stream.released).toBe(1);
  });

  it('should give the batch read the rest of a read, and mix with next()', async () => {
    const stream = new ScriptedStream([{ parts: [text('a'), text('b'), text('c')] }, { parts: [text('d')], last: true }]);
    expect((await stream.next()).value).toEqual(text('a'));
    expect(await stream[READ_PARTS]()).toEqual([text('b'), text('c')]);
    expect(await stream[READ_PARTS]()).toEqual([text('d')]);
    expect(await stream[READ_PARTS]()).toBeUndefined();
  });
});

describe('readParts', () => {
  it('should read one part per next() from an iterator without a batch read', async () => {
    async function* parts() {
      yield text('x');
      yield text('y');
    }
    const read = readParts(parts());
    expect(await read()).toEqual([text('x')]);
    expect(await read()).toEqual([text('y')]);
    expect(await read()).toBeUndefined();
  });
});
