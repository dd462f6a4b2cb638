import type { Warning } from '../types/warning.ts';

/**
 * The warning for embeddings whose length is not the `dimensions` asked for (a server that ignores the setting,
 * such as llama.cpp, answers with the model's full size), or undefined when every vector has that length or none
 * was asked for. Routing prefers targets with `capabilities.dimensions` not `false` for such requests.
 */
export function checkEmbeddingDimensions(embeddings: readonly number[][], dimensions: number | undefined, provider: string): Warning | undefined {
  if (dimensions === undefined) return undefined;
  for (let i = 0; i < embeddings.length; i++) {
    const length = (embeddings[i] as number[]).length;
    if (length !== dimensions) {
      return {
        type: 'unsupported-setting',
        setting: 'dimensions',
        message: `${provider} returned ${length}-dimension vectors, not the ${dimensions} asked for: it did not apply dimensions. Shorten them yourself only if the model was trained for it (Matryoshka), or set capabilities.dimensions: false on this target so that routing prefers one that applies it.`,
      };
    }
  }
  return undefined;
}
