import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { checkEmbeddingDimensions } from '../../src/http/check-embedding-dimensions.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { EmbedResult } from '../../src/types/embed-result.ts';
import type { Warning } from '../../src/types/warning.ts';
import { sendVertexRequest } from './send-vertex-request.ts';
import type { VertexConfig } from './vertex-config.ts';

interface PredictResponse {
  predictions?: Array<{ embeddings?: { values?: number[]; statistics?: { token_count?: number; truncated?: boolean } } }>;
}
interface EmbedContentResponse {
  embedding?: { values?: number[] };
  usageMetadata?: { promptTokenCount?: number; totalTokenCount?: number };
  truncated?: boolean;
}

/** How many `:embedContent` calls run at once for a multi-input request. */
const EMBED_CONTENT_CONCURRENCY = 4;

const usageOf = (tokens: number) => ({ inputTokens: tokens, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: tokens });

/** True for models served through `:embedContent` (`gemini-embedding-*`); others (`text-embedding-*`, `text-multilingual-embedding-*`) use `:predict`. */
function usesEmbedContent(model: string): boolean {
  return /(^|\/)gemini-embedding-/.test(model);
}

/**
 * One embedding call. `text-embedding-*` models take every input in one `:predict` request
 * (`instances[].content`, `task_type`, `title`; `parameters.outputDimensionality`, `autoTruncate`), with token counts
 * summed from `statistics.token_count`. `gemini-embedding-*` models take one input per `:embedContent` request
 * (`embedContentConfig`), so inputs are sent a few at a time and their `usageMetadata` summed.
 * `providerOptions.vertex` may set `taskType`, `title` and `autoTruncate`; other keys are merged into each body.
 */
export async function embedVertex(config: VertexConfig, request: EmbedRequest): Promise<EmbedResult> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const secrets: string[] = [];
  const ctx: RequestContext & { secrets: string[] } = { provider: config.id, model: request.model, secrets, deadline };
  const { taskType, title, autoTruncate, ...extra } = request.providerOptions?.vertex ?? {};
  const warnings: Warning[] = [];
  try {
    if (!usesEmbedContent(request.model)) {
      const parameters: Record<string, unknown> = {};
      if (request.dimensions !== undefined) parameters.outputDimensionality = request.dimensions;
      if (autoTruncate !== undefined) parameters.autoTruncate = autoTruncate;
      const instances = request.input.map((content) => ({ content, ...(taskType !== undefined ? { task_type: taskType } : {}), ...(title !== undefined ? { title } : {}) }));
      const body = { instances, ...(Object.keys(parameters).length > 0 ? { parameters } : {}), ...extra };
      const response = await sendVertexRequest(config, config.url(request.model, 'predict'), JSON.stringify(body), false, ctx);
      const predictions = mapJsonResponse(await readBodyText(response, ctx), ctx, (json: PredictResponse) => {
        const list = json.predictions ?? [];
        if (list.length !== request.input.length) throw new Error(`${list.length} embeddings for ${request.input.length} inputs`);
        return list.map((p, i) => {
          const values = p.embeddings?.values;
          if (!Array.isArray(values)) throw new Error(`predictions[${i}] has no embeddings.values`);
          return { values, statistics: p.embeddings?.statistics };
        });
      });
      let tokens = 0;
      predictions.forEach((p, i) => {
        tokens += p.statistics?.token_count ?? 0;
        if (p.statistics?.truncated) warnings.push({ type: 'other', setting: `input[${i}]`, message: `Vertex truncated input ${i} to the model's token limit.` });
      });
      const embeddings = predictions.map((p) => p.values);
      const dimensions = checkEmbeddingDimensions(embeddings, request.dimensions, config.id);
      if (dimensions) warnings.push(dimensions);
      return { embeddings, usage: usageOf(tokens), model: request.model, requestId: readRequestId(response.headers), warnings, provider: config.id };
    }

    const embedContentConfig: Record<string, unknown> = {};
    if (taskType !== undefined) embedContentConfig.taskType = taskType;
    if (title !== undefined) embedContentConfig.title = title;
    if (request.dimensions !== undefined) embedContentConfig.outputDimensionality = request.dimensions;
    if (autoTruncate !== undefined) embedContentConfig.autoTruncate = autoTruncate;
    const embedOne = async (text: string, i: number) => {
      const body = { content: { parts: [{ text }] }, ...(Object.keys(embedContentConfig).length > 0 ? { embedContentConfig } : {}), ...extra };
      const response = await sendVertexRequest(config, config.url(request.model, 'embedContent'), JSON.stringify(body), false, ctx);
      const json = mapJsonResponse(await readBodyText(response, ctx), ctx, (value: EmbedContentResponse) => {
        if (!Array.isArray(value.embedding?.values)) throw new Error(`no embedding.values for input ${i}`);
        return value;
      });
      if (json.truncated) warnings.push({ type: 'other', setting: `input[${i}]`, message: `Vertex truncated input ${i} to the model's token limit.` });
      return { values: json.embedding?.values as number[], tokens: json.usageMetadata?.promptTokenCount ?? json.usageMetadata?.totalTokenCount ?? 0, requestId: readRequestId(response.headers) };
    };
    const results: Array<Awaited<ReturnType<typeof embedOne>>> = [];
    for (let start = 0; start < request.input.length; start += EMBED_CONTENT_CONCURRENCY) {
      const batch = request.input.slice(start, start + EMBED_CONTENT_CONCURRENCY);
      results.push(...(await Promise.all(batch.map((text, j) => embedOne(text, start + j)))));
    }
    const tokens = results.reduce((sum, r) => sum + r.tokens, 0);
    const embeddings = results.map((r) => r.values);
    const dimensions = checkEmbeddingDimensions(embeddings, request.dimensions, config.id);
    if (dimensions) warnings.push(dimensions);
    return { embeddings, usage: usageOf(tokens), model: request.model, requestId: results[0]?.requestId, warnings, provider: config.id };
  } finally {
    deadline.dispose();
  }
}
