import type { StreamPart } from '../../src/types/stream-part.ts';

/** Every part of a stream, in order; rejects with the stream's error. */
export async function collectParts<P = StreamPart>(stream: AsyncIterable<P>): Promise<P[]> {
  const parts: P[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** The parts a stream delivered and the error it ended with (`undefined` when it ended normally). */
export async function readParts<P = StreamPart>(stream: AsyncIterable<P>): Promise<{ parts: P[]; error: unknown }> {
  const parts: P[] = [];
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    return { parts, error };
  }
  return { parts, error: undefined };
}
