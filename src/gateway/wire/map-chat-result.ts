import type { ChatResult } from '../../types/chat-result.ts';
import type { ToolCall } from '../../types/tool-call.ts';
import { toOpenAIFinishReason } from './to-openai-finish-reason.ts';
import { toOpenAIUsage } from './to-openai-usage.ts';

/** A tool call as OpenAI's `tool_calls[]` entry (the arguments exactly as the model produced them). */
export function toOpenAIToolCall(call: Pick<ToolCall, 'id' | 'name' | 'rawArguments'>): Record<string, unknown> {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.rawArguments } };
}

/**
 * A chat result as OpenAI's `chat.completion`: `id` and `created` are the gateway's, `model` is the model the
 * provider says it served, `usage` follows OpenAI's counting (which is Switchyard's). Reasoning text, where the
 * provider returned any, is `message.reasoning_content` (as vLLM and DeepSeek send it; OpenAI's clients ignore it).
 */
export function mapChatResult(result: ChatResult, id: string, created: number): Record<string, unknown> {
  const hasCalls = result.toolCalls.length > 0;
  const message: Record<string, unknown> = { role: 'assistant', content: hasCalls && result.text === '' ? null : result.text, refusal: null, annotations: [] };
  if (hasCalls) message.tool_calls = result.toolCalls.map(toOpenAIToolCall);
  if (result.reasoning) message.reasoning_content = result.reasoning;
  return {
    id,
    object: 'chat.completion',
    created,
    model: result.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: toOpenAIFinishReason(result.finishReason, result.rawFinishReason) }],
    usage: toOpenAIUsage(result.usage),
  };
}
