import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import type { EmbedResult } from '../../src/types/embed-result.ts';
import type { Warning } from '../../src/types/warning.ts';
import { emptyUsage } from './empty-usage.ts';

/** The fields of an Embeddings response that Switchyard reads. */
export interface OpenAIEmbedResponse {
  model?: string;
  data?: Array<{ index?: number; embedding?: number[] | string }>;
  usage?: { prompt_tokens?: number; total_tokens?: number } | null;
}

/** Maps an Embeddings response to an `EmbedResult`, in input order (the `index` of each item). */
export function mapOpenAIEmbedResponse(
  response: OpenAIEmbedResponse,
  ctx: { fallbackModel: string; requestId?: string; provider: string; warnings: Warning[]; expected: number },
): EmbedResult {
  const embeddings: number[][] = new Array(ctx.expected);
  const data = response.data ?? [];
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as { index?: number; embedding?: number[] | string };
    const vector = item.embedding;
    if (!Array.isArray(vector)) {
      throw new ResponseParseError(`${ctx.provider} sent an embedding that is not a float array (encoding_format must be float).`, { rawText: JSON.stringify(item).slice(0, 500), provider: ctx.provider });
    }
    embeddings[item.index ?? i] = vector;
  }
  if (data.length !== ctx.expected) {
    throw new ResponseParseError(`${ctx.provider} sent ${data.length} embeddings for ${ctx.expected} inputs.`, { rawText: JSON.stringify(response).slice(0, 500), provider: ctx.provider });
  }
  const usage = emptyUsage();
  usage.inputTokens = response.usage?.prompt_tokens ?? 0;
  usage.totalTokens = response.usage?.total_tokens ?? usage.inputTokens;
  usage.raw = response.usage ?? undefined;
  const result: EmbedResult = { embeddings, usage, model: response.model || ctx.fallbackModel, warnings: ctx.warnings, provider: ctx.provider };
  if (ctx.requestId !== undefined) result.requestId = ctx.requestId;
  return result;
}
