import type { Attributes, Span } from '@opentelemetry/api';
import type { ChatRequest } from '../types/chat-request.ts';
import type { Cost } from '../types/cost.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { Usage } from '../types/usage.ts';
import { GEN_AI, SWITCHYARD } from './gen-ai-attributes.ts';

/** The request settings the GenAI conventions name (`gen_ai.request.*`, `gen_ai.output.type`), where set. */
export function requestAttributes(request: ChatRequest | EmbedRequest): Attributes {
  const attributes: Attributes = {};
  if (!('messages' in request)) return attributes;
  if (request.maxTokens !== undefined) attributes[GEN_AI.requestMaxTokens] = request.maxTokens;
  if (request.temperature !== undefined) attributes[GEN_AI.requestTemperature] = request.temperature;
  if (request.topP !== undefined) attributes[GEN_AI.requestTopP] = request.topP;
  if (request.seed !== undefined) attributes[GEN_AI.requestSeed] = request.seed;
  if (request.stop !== undefined) attributes[GEN_AI.requestStopSequences] = typeof request.stop === 'string' ? [request.stop] : request.stop;
  attributes[GEN_AI.outputType] = request.responseFormat?.type === 'json' ? 'json' : 'text';
  return attributes;
}

/** Sets the usage attributes: input and output always, cache and reasoning counts where the provider reported them. */
export function setUsageAttributes(span: Span, usage: Usage): void {
  span.setAttribute(GEN_AI.usageInputTokens, usage.inputTokens);
  span.setAttribute(GEN_AI.usageOutputTokens, usage.outputTokens);
  if (usage.cachedInputTokens > 0) span.setAttribute(GEN_AI.usageCacheReadInputTokens, usage.cachedInputTokens);
  if (usage.cacheWriteTokens > 0) span.setAttribute(GEN_AI.usageCacheCreationInputTokens, usage.cacheWriteTokens);
  if (usage.reasoningTokens > 0) span.setAttribute(GEN_AI.usageReasoningOutputTokens, usage.reasoningTokens);
}

/** Sets the cost attributes (USD for display, exact nano-USD), when metering priced the call. */
export function setCostAttributes(span: Span, cost: Cost | null | undefined): void {
  if (!cost) return;
  span.setAttribute(SWITCHYARD.costUsd, cost.usd);
  span.setAttribute(SWITCHYARD.costNanoUsd, cost.nanoUsd);
}
