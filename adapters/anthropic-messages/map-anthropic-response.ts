import type { ChatResult } from '../../src/types/chat-result.ts';
import type { ToolCall } from '../../src/types/tool-call.ts';
import type { Warning } from '../../src/types/warning.ts';
import { toAnthropicReasoningState, type AnthropicThinkingBlock } from './anthropic-reasoning-state.ts';
import type { AnthropicMessage } from './anthropic-wire-types.ts';
import type { AnthropicResponseTool } from './convert-to-anthropic-request.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage } from './map-anthropic-usage.ts';

/** What the mapper needs beside the body. */
export interface AnthropicResponseContext {
  /** The model requested, reported when the response names none. */
  model: string;
  /** A request id from the headers (Vertex `request-id`), preferred over the message id. */
  requestId?: string;
  /** The provider's id. */
  provider: string;
  /** Warnings gathered while building the request. */
  warnings: Warning[];
  /** The structured-output tool, whose input is the JSON answer. */
  responseTool?: AnthropicResponseTool;
}

/** The JSON text of the structured-output tool's input (unwrapped when the schema's root was not an object). */
export function responseToolText(input: unknown, tool: AnthropicResponseTool): string {
  const value = tool.wrapped && typeof input === 'object' && input !== null ? (input as Record<string, unknown>).value : input;
  return JSON.stringify(value ?? {});
}

/**
 * Maps a Messages response to a `ChatResult`: the text blocks joined, `tool_use` blocks as tool calls (their `input`
 * as the arguments), thinking blocks as `reasoning` (their text) and `reasoningState` (the blocks with their
 * signatures, for the next turn), the structured-output tool's input as the JSON text (finish reason `stop`), the
 * stop reason, usage, `model` as served and the request id. A `refusal` is a `content-filter` finish with the category
 * from `stop_details`. A shape it cannot read throws (the caller reports it as `ResponseParseError`).
 */
export function mapAnthropicResponse(response: AnthropicMessage, ctx: AnthropicResponseContext): ChatResult {
  if (typeof response !== 'object' || response === null || Array.isArray(response)) throw new Error('the response is not a JSON object');
  if (!Array.isArray(response.content)) throw new Error('content is not an array');
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const thinking: AnthropicThinkingBlock[] = [];
  let answered = false;
  for (const block of response.content) {
    if (typeof block !== 'object' || block === null) throw new Error('a content block is not an object');
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block.type === 'thinking' && typeof block.thinking === 'string') {
      reasoning += block.thinking;
      thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') thinking.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use' && typeof block.name === 'string') {
      if (ctx.responseTool && block.name === ctx.responseTool.name) {
        text += responseToolText(block.input, ctx.responseTool);
        answered = true;
        continue;
      }
      const input = block.input ?? {};
      toolCalls.push({ id: block.id ?? `toolu_${toolCalls.length}`, name: block.name, arguments: input, rawArguments: JSON.stringify(input) });
    }
  }
  const rawFinishReason = response.stop_reason ?? null;
  const finishReason = answered && toolCalls.length === 0 && rawFinishReason === 'tool_use' ? 'stop' : mapAnthropicStopReason(rawFinishReason);
  const result: ChatResult = {
    text,
    toolCalls,
    finishReason,
    rawFinishReason,
    usage: mapAnthropicUsage(response.usage),
    model: response.model || ctx.model,
    requestId: ctx.requestId ?? response.id,
    warnings: ctx.warnings,
    provider: ctx.provider,
  };
  if (reasoning) result.reasoning = reasoning;
  const state = toAnthropicReasoningState(ctx.provider, thinking);
  if (state) result.reasoningState = state;
  if (finishReason === 'content-filter') result.contentFilter = { categories: [response.stop_details?.category ?? 'refusal'], raw: response.stop_details ?? undefined };
  return result;
}
