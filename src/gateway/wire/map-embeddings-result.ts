import type { EmbedResult } from '../../types/embed-result.ts';

function toBase64(vector: number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

/** An embedding result as OpenAI's `list` of `embedding` objects; `model` is the served model. */
export function mapEmbeddingsResult(result: EmbedResult, encoding: 'float' | 'base64'): Record<string, unknown> {
  return {
    object: 'list',
    data: result.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding: encoding === 'base64' ? toBase64(embedding) : embedding })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.totalTokens || result.usage.inputTokens },
  };
}
