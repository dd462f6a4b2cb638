import { ContentFilterError } from '../../src/errors/content-filter-error.ts';
import { vertexBlockedCategories } from './vertex-blocked-categories.ts';
import type { VertexGenerateContentResponse } from './vertex-wire-types.ts';

/**
 * The error for a prompt Vertex refused to answer: HTTP 200 with no candidates and `promptFeedback.blockReason`.
 * Categories are the block reason and the blocked safety categories. Not retryable: the same prompt is blocked again.
 */
export function vertexPromptBlockedError(response: VertexGenerateContentResponse, ctx: { provider: string; model: string }): ContentFilterError {
  const feedback = response.promptFeedback ?? {};
  const reason = feedback.blockReason ?? 'BLOCKED';
  const detail = feedback.blockReasonMessage ? `: ${feedback.blockReasonMessage}` : '';
  return new ContentFilterError(`${ctx.provider} (${ctx.model}) blocked the prompt (${reason})${detail}. Change the prompt or the model's safetySettings (providerOptions.vertex).`, {
    status: 200,
    provider: ctx.provider,
    model: ctx.model,
    requestId: response.responseId,
    providerCode: reason,
    retryable: false,
    body: JSON.stringify(response),
    categories: [reason, ...vertexBlockedCategories(feedback.safetyRatings)],
    filterResults: feedback,
  });
}
