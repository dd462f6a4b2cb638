import type { ChatResult } from '../../types/chat-result.ts';
import type { ResponseBase } from './responses-object.ts';
import { responsesObject } from './responses-object.ts';
import { functionCallItem, messageItem, reasoningItem, type ResponsesItem } from './responses-items.ts';
import { toResponsesStatus } from './to-responses-status.ts';
import { toResponsesUsage } from './to-responses-usage.ts';

/**
 * A chat result as a Responses `response` object: a `reasoning` item (the reasoning text as its summary, and, when
 * the request included `reasoning.encrypted_content`, the reasoning state to send back), a `message` item with the
 * text, one `function_call` item per tool call; `status` from the finish reason, `usage`, `model` the served model.
 */
export function mapResponsesResult(result: ChatResult, base: ResponseBase, now: number): Record<string, unknown> {
  const output: ResponsesItem[] = [];
  const state = base.includeReasoningState ? result.reasoningState?.providerData : undefined;
  const prefix = base.itemPrefix;
  if ((result.reasoning !== undefined && result.reasoning !== '') || state) output.push(reasoningItem(`rs_${prefix}0`, result.reasoning ?? '', state));
  const { status, incomplete_details } = toResponsesStatus(result.finishReason);
  if (result.text !== '' || result.toolCalls.length === 0) output.push(messageItem(`msg_${prefix}${output.length}`, result.text, status === 'incomplete' ? 'incomplete' : 'completed'));
  for (const call of result.toolCalls) output.push(functionCallItem(`fc_${prefix}${output.length}`, call, 'completed'));
  return responsesObject(base, { status, incomplete_details, model: result.model, output, usage: toResponsesUsage(result.usage), capacity: result.capacity, ...(status === 'completed' ? { completedAt: now } : {}) });
}
