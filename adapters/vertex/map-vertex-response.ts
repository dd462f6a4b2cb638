import type { ChatResult } from '../../src/types/chat-result.ts';
import type { ToolCall } from '../../src/types/tool-call.ts';
import type { Warning } from '../../src/types/warning.ts';
import { mapVertexFinishReason } from './map-vertex-finish-reason.ts';
import { mapVertexTrafficType } from './map-vertex-traffic-type.ts';
import { mapVertexUsage } from './map-vertex-usage.ts';
import { VertexReasoningCollector } from './vertex-reasoning-collector.ts';
import { vertexBlockedCategories } from './vertex-blocked-categories.ts';
import { vertexPromptBlockedError } from './vertex-prompt-blocked-error.ts';
import type { VertexSignatureStore } from './vertex-signature-store.ts';
import { vertexToolCallId } from './vertex-tool-call-id.ts';
import type { VertexGenerateContentResponse } from './vertex-wire-types.ts';

/** What the mapper needs beside the body. */
export interface VertexResponseContext {
  /** The model requested, reported when the response has no `modelVersion`. */
  model: string;
  /** A request id from the headers, used when the response has no `responseId`. */
  requestId?: string;
  /** The provider's id. */
  provider: string;
  /** Warnings gathered while building the request. */
  warnings: Warning[];
  /** Where to record the thought signatures of the calls. */
  signatures: VertexSignatureStore;
}

/**
 * Maps a `GenerateContentResponse` to a `ChatResult`: the text of the first candidate (thought parts, `thought: true`,
 * go to `reasoning` instead), its function calls with stable ids, the thought signatures as `reasoningState` (and into
 * the provider's signature store), the mapped finish reason and usage, `modelVersion` as `model` and `responseId`
 * as `requestId`. A prompt block (`promptFeedback.blockReason`, no candidates) throws `ContentFilterError`; a shape it cannot
 * read throws (the caller reports it as `ResponseParseError`).
 */
export function mapVertexResponse(response: VertexGenerateContentResponse, ctx: VertexResponseContext): ChatResult {
  if (typeof response !== 'object' || response === null || Array.isArray(response)) throw new Error('the response is not a JSON object');
  const candidate = response.candidates?.[0];
  if (!candidate && response.promptFeedback?.blockReason) throw vertexPromptBlockedError(response, { provider: ctx.provider, model: response.modelVersion || ctx.model });
  if (candidate !== undefined && (typeof candidate !== 'object' || candidate === null)) throw new Error('candidates[0] is not an object');
  let text = '';
  const toolCalls: ToolCall[] = [];
  let reasoning: VertexReasoningCollector | undefined;
  for (const part of candidate?.content?.parts ?? []) {
    if (typeof part.text === 'string') {
      if (!part.thought) text += part.text;
      else if (part.text) (reasoning ??= new VertexReasoningCollector(ctx.signatures, ctx.provider)).thought(part.text);
    }
    const call = part.functionCall;
    if (call?.name) {
      const args = call.args ?? {};
      const id = vertexToolCallId({ id: call.id, responseId: response.responseId, index: toolCalls.length, name: call.name, args });
      if (part.thoughtSignature) (reasoning ??= new VertexReasoningCollector(ctx.signatures, ctx.provider)).callSignature(id, part.thoughtSignature);
      toolCalls.push({ id, name: call.name, arguments: args, rawArguments: JSON.stringify(args) });
    } else if (part.thoughtSignature) (reasoning ??= new VertexReasoningCollector(ctx.signatures, ctx.provider)).textSignature(part.thoughtSignature);
  }
  const rawFinishReason = candidate?.finishReason ?? null;
  const result: ChatResult = {
    text,
    toolCalls,
    finishReason: mapVertexFinishReason(rawFinishReason, toolCalls.length > 0),
    rawFinishReason,
    usage: mapVertexUsage(response.usageMetadata),
    model: response.modelVersion || ctx.model,
    requestId: response.responseId ?? ctx.requestId,
    warnings: ctx.warnings,
    provider: ctx.provider,
  };
  if (reasoning) {
    const thoughts = reasoning.text;
    if (thoughts !== undefined) result.reasoning = thoughts;
    const state = reasoning.state();
    if (state) result.reasoningState = state;
  }
  if (result.finishReason === 'content-filter') {
    const categories = vertexBlockedCategories(candidate?.safetyRatings);
    result.contentFilter = { categories: categories.length > 0 ? categories : [rawFinishReason as string], raw: candidate?.safetyRatings };
  }
  const capacity = mapVertexTrafficType(response.usageMetadata?.trafficType);
  if (capacity) result.capacity = capacity;
  return result;
}
