import { firedFilterCategories } from '../../src/http/fired-filter-categories.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { ServedCapacity } from '../../src/types/served-capacity.ts';
import type { ToolCall } from '../../src/types/tool-call.ts';
import type { Warning } from '../../src/types/warning.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { readReasoningText } from './read-reasoning-text.ts';
import type { ChatCompletion as Completion } from 'openai/resources/chat/completions';

type CompletionChoice = Completion['choices'][number];

/**
 * The fields of a Chat Completions response that Switchyard reads, typed after the `openai` package's `ChatCompletion`
 * but all optional: parsing is lenient (only what is used is read), since OpenAI-compatible servers omit fields.
 */
export interface OpenAIChatResponse {
  id?: Completion['id'];
  model?: Completion['model'];
  choices?: Array<{
    message?: Partial<Pick<CompletionChoice['message'], 'content' | 'refusal'>> & {
      tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
      /** vLLM (and NIM on vLLM) since the rename: the reasoning text. */
      reasoning?: string | null;
      /** llama.cpp, older vLLM, SGLang: the reasoning text. */
      reasoning_content?: string | null;
    };
    finish_reason?: CompletionChoice['finish_reason'] | (string & {}) | null;
    /** Azure: the content filter results of this choice. */
    content_filter_results?: unknown;
  }>;
  usage?: OpenAIUsage | null;
  /** The service tier that served the request (`default`, `flex`, `priority`, …). */
  service_tier?: string | null;
}

/** What the mapper needs beside the body. */
export interface OpenAIResponseContext {
  /** The model to report when the response names none. */
  fallbackModel: string;
  /** The request id from the headers, if any. */
  requestId?: string;
  /** The provider's id. */
  provider: string;
  /** Warnings gathered while building the request. */
  warnings: Warning[];
  /** Reads the capacity that served from the response's headers and `service_tier` (the provider's `capacity` hook). */
  capacity?: (headers: Record<string, string>, serviceTier: string | undefined, request: ChatRequest) => ServedCapacity | undefined;
  /** The response headers, for `capacity`. */
  headers?: Record<string, string>;
  /** The request, for `capacity`. */
  request?: ChatRequest;
}

/**
 * Maps a Chat Completions response to a `ChatResult`, the reasoning text of open-model servers (`reasoning`,
 * `reasoning_content`) as `reasoning`. Throws when it has no choice: that is no answer at all.
 */
export function mapOpenAIChatResponse(response: OpenAIChatResponse, ctx: OpenAIResponseContext): ChatResult {
  const choice = response.choices?.[0];
  if (typeof choice !== 'object' || choice === null) throw new Error('it has no choices[0] object');
  const message = choice?.message;
  const toolCalls: ToolCall[] = [];
  for (const call of message?.tool_calls ?? []) {
    const rawArguments = call.function?.arguments ?? '';
    toolCalls.push({ id: call.id ?? '', name: call.function?.name ?? '', arguments: parseToolArguments(rawArguments), rawArguments });
  }
  const rawFinishReason = choice?.finish_reason ?? null;
  const result: ChatResult = {
    text: message?.content ?? message?.refusal ?? '',
    toolCalls,
    finishReason: mapOpenAIFinishReason(rawFinishReason),
    rawFinishReason,
    usage: mapOpenAIUsage(response.usage),
    model: response.model || ctx.fallbackModel,
    requestId: ctx.requestId ?? response.id,
    warnings: ctx.warnings,
    provider: ctx.provider,
  };
  const reasoning = message ? readReasoningText(message) : undefined;
  if (reasoning !== undefined) result.reasoning = reasoning;
  if (result.finishReason === 'content-filter') {
    result.contentFilter = { categories: firedFilterCategories(choice?.content_filter_results), raw: choice?.content_filter_results };
  }
  if (ctx.capacity && ctx.request) {
    const capacity = ctx.capacity(ctx.headers ?? {}, response.service_tier ?? undefined, ctx.request);
    if (capacity) result.capacity = capacity;
  }
  return result;
}
