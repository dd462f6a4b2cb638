import type { StreamPart } from '../types/stream-part.ts';

/**
 * The batch read of a Switchyard stream: resolves with every part that one network read produced (at least one),
 * or `undefined` at the end; rejects with the typed error that ended the stream, after the parts read before it.
 * Adapters' streams and the router's stream layers have it, so that each layer handles the parts of one read in one
 * synchronous loop (one promise per read, not one per part); the public `AsyncIterator<StreamPart>` sits on top.
 * Internal: a `Symbol.for` key, so that it also works across duplicate installs of the package.
 */
export const READ_PARTS: unique symbol = Symbol.for('switchyard.stream.readParts') as never;

/** A stream that has the batch read. */
export interface PartBatchSource {
  [READ_PARTS](): Promise<StreamPart[] | undefined>;
}

const toBatch = (result: IteratorResult<StreamPart>): StreamPart[] | undefined => (result.done ? undefined : [result.value]);

/**
 * The batch read of any stream iterator: its own when it has one, else one part per `next()` (custom providers,
 * async generators).
 */
export function readParts(iterator: AsyncIterator<StreamPart>): () => Promise<StreamPart[] | undefined> {
  const own = (iterator as Partial<PartBatchSource>)[READ_PARTS];
  if (typeof own === 'function') return () => own.call(iterator);
  return () => iterator.next().then(toBatch);
}
