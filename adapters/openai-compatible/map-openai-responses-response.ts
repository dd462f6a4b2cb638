import type { Response as OpenAIResponseObject } from 'openai/resources/responses/responses';
import { firedFilterCategories } from '../../src/http/fired-filter-categories.ts';
import type { AssistantReasoning } from '../../src/types/assistant-reasoning.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { ToolCall } from '../../src/types/tool-call.ts';
import type { OpenAIResponseContext } from './map-openai-chat-response.ts';
import { mapOpenAIResponsesFinish } from './map-openai-responses-finish.ts';
import type { OpenAIResponsesUsage } from './map-openai-responses-usage.ts';
import { mapOpenAIResponsesUsage } from './map-openai-responses-usage.ts';
import { OPENAI_RESPONSES_FORMAT } from './openai-responses-format.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';

/** One output item, as far as Switchyard reads it (messages, function calls, reasoning; other items are skipped). */
export interface OpenAIResponsesOutputItem {
  type?: string;
  id?: string;
  /** `message`: its content parts; `reasoning`: the reasoning text itself (`reasoning_text` parts: open-weight models such as gpt-oss). */
  content?: Array<{ type?: string; text?: string; refusal?: string }>;
  /** `function_call`: the call id that a `function_call_output` answers, the function and its JSON arguments. */
  call_id?: string;
  name?: string;
  arguments?: string;
  /** `reasoning`: the summary parts and the encrypted reasoning (with `include: ['reasoning.encrypted_content']`). */
  summary?: Array<{ type?: string; text?: string }>;
  encrypted_content?: string | null;
  status?: string;
}

/**
 * The fields of a Responses response object that Switchyard reads, typed after the `openai` package's `Response`,
 * all optional: parsing is lenient. `content_filters` is Azure's (not in OpenAI's schema).
 */
export interface OpenAIResponsesResponse {
  id?: OpenAIResponseObject['id'];
  model?: string;
  status?: OpenAIResponseObject['status'] | (string & {});
  error?: unknown;
  incomplete_details?: { reason?: string | null } | null;
  output?: OpenAIResponsesOutputItem[];
  usage?: OpenAIResponsesUsage | null;
  content_filters?: unknown;
  /** The service tier that served the response (`default`, `flex`, `priority`). */
  service_tier?: string | null;
}

/**
 * The content-filter categories that fired in Azure's `content_filters`: an object of filter results, or a list of
 * entries that carry one in `content_filter_results` (the shape of this field on Responses is not confirmed from a
 * primary source: both are read).
 */
export function responsesFilterCategories(filters: unknown): string[] {
  if (!Array.isArray(filters)) return firedFilterCategories(filters);
  const fired = new Set<string>();
  for (const entry of filters) for (const c of firedFilterCategories((entry as { content_filter_results?: unknown } | null)?.content_filter_results ?? entry)) fired.add(c);
  return [...fired];
}

/** The reasoning state of a turn: its encrypted reasoning items, tagged for this provider. Undefined when there are none. */
export function toReasoningState(items: OpenAIResponsesOutputItem[], text: string | undefined, provider: string): AssistantReasoning | undefined {
  if (items.length === 0) return undefined;
  const state: AssistantReasoning = { providerData: { format: OPENAI_RESPONSES_FORMAT, provider, items } };
  if (text !== undefined) state.text = text;
  return state;
}

/** A reasoning item as it is sent back: only what the API reads (status and the rest are output-only). */
export function toReasoningInputItem(item: OpenAIResponsesOutputItem): OpenAIResponsesOutputItem {
  return { type: 'reasoning', id: item.id as string, summary: (item.summary ?? []).map((s) => ({ type: 'summary_text', text: s.text ?? '' })), encrypted_content: item.encrypted_content as string };
}

/**
 * Maps a Responses response to a `ChatResult`: text from `output_text` parts (a refusal when there is no text),
 * function calls with their call ids, the reasoning summary as `reasoning`, encrypted reasoning items as
 * `reasoningState`, the finish from `status` and `incomplete_details.reason`, usage, the served `model` and the
 * request id. A response with `status: failed` is not an answer: the caller throws its error first.
 */
export function mapOpenAIResponsesResponse(response: OpenAIResponsesResponse, ctx: OpenAIResponseContext): ChatResult {
  if (!Array.isArray(response.output)) throw new Error('it has no output array');
  let text = '';
  let refusal = '';
  const toolCalls: ToolCall[] = [];
  const summaries: string[] = [];
  const reasoningTexts: string[] = [];
  const reasoningItems: OpenAIResponsesOutputItem[] = [];
  for (const item of response.output) {
    if (item?.type === 'message') {
      for (const part of item.content ?? []) {
        if (part.type === 'output_text') text += part.text ?? '';
        else if (part.type === 'refusal') refusal += part.refusal ?? '';
      }
    } else if (item?.type === 'function_call') {
      const rawArguments = item.arguments ?? '';
      toolCalls.push({ id: item.call_id ?? item.id ?? '', name: item.name ?? '', arguments: parseToolArguments(rawArguments), rawArguments });
    } else if (item?.type === 'reasoning') {
      for (const part of item.summary ?? []) if (part.text) summaries.push(part.text);
      for (const part of item.content ?? []) if (part.type === 'reasoning_text' && part.text) reasoningTexts.push(part.text);
      if (typeof item.encrypted_content === 'string' && item.encrypted_content !== '' && typeof item.id === 'string') reasoningItems.push(toReasoningInputItem(item));
    }
  }
  const { finishReason, rawFinishReason } = mapOpenAIResponsesFinish(response.status, response.incomplete_details?.reason, toolCalls.length > 0);
  const result: ChatResult = {
    text: text || refusal,
    toolCalls,
    finishReason,
    rawFinishReason,
    usage: mapOpenAIResponsesUsage(response.usage),
    model: response.model || ctx.fallbackModel,
    requestId: ctx.requestId ?? response.id,
    warnings: ctx.warnings,
    provider: ctx.provider,
  };
  // The summary where there is one (OpenAI's models); else the reasoning text (gpt-oss on vLLM, OCI and other servers).
  const reasoning = summaries.length > 0 ? summaries.join('\n\n') : reasoningTexts.length > 0 ? reasoningTexts.join('\n\n') : undefined;
  if (reasoning !== undefined) result.reasoning = reasoning;
  const state = toReasoningState(reasoningItems, reasoning, ctx.provider);
  if (state) result.reasoningState = state;
  if (finishReason === 'content-filter') result.contentFilter = { categories: responsesFilterCategories(response.content_filters), raw: response.content_filters };
  return result;
}
