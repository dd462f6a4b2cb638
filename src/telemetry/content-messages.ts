import type { ChatMessage, ContentPart } from '../types/chat-message.ts';
import type { FinishReason } from '../types/finish-reason.ts';
import type { ToolCall } from '../types/tool-call.ts';
import type { ToolDefinition } from '../types/tool-definition.ts';
import { toJsonSchema } from '../schema/to-json-schema.ts';

type Part = Record<string, unknown>;

const FINISH: Record<FinishReason, string> = { stop: 'stop', length: 'length', 'tool-calls': 'tool_call', 'content-filter': 'content_filter', error: 'error', other: 'other' };

/** The GenAI conventions' finish reason (`stop`, `length`, `tool_call`, `content_filter`, `error`) of a Switchyard one. */
export function genAIFinishReason(reason: FinishReason): string {
  return FINISH[reason];
}

function base64(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

function contentParts(content: string | readonly ContentPart[] | null): Part[] {
  if (content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', content }];
  return content.map((part): Part => {
    if (part.type === 'text') return { type: 'text', content: part.text };
    if ('url' in part) return { type: 'uri', modality: 'image', uri: part.url, ...(part.mediaType ? { mime_type: part.mediaType } : {}) };
    return { type: 'blob', modality: 'image', mime_type: part.mediaType, content: base64(part.data) };
  });
}

function textOf(content: string | readonly { text: string }[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** `gen_ai.input.messages`: the conversation in the GenAI conventions' message format, as JSON. */
export function toInputMessages(messages: readonly ChatMessage[]): string {
  return JSON.stringify(
    messages.map((message) => {
      if (message.role === 'tool') return { role: 'tool', parts: [{ type: 'tool_call_response', id: message.toolCallId, result: textOf(message.content) }] };
      if (message.role === 'assistant') {
        const calls = (message.toolCalls ?? []).map((c) => ({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments }));
        return { role: 'assistant', parts: [...contentParts(message.content), ...calls] };
      }
      return { role: message.role, parts: contentParts(message.content) };
    }),
  );
}

/** `gen_ai.output.messages`: the reply in the GenAI conventions' message format, as JSON. */
export function toOutputMessages(text: string, toolCalls: readonly Pick<ToolCall, 'id' | 'name' | 'arguments'>[], finishReason: FinishReason): string {
  const parts: Part[] = text === '' ? [] : [{ type: 'text', content: text }];
  for (const call of toolCalls) parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
  return JSON.stringify([{ role: 'assistant', parts, finish_reason: genAIFinishReason(finishReason) }]);
}

/** `gen_ai.tool.definitions`: the tools offered, as JSON. */
export function toToolDefinitions(tools: readonly ToolDefinition[]): string {
  return JSON.stringify(tools.map((t) => ({ type: 'function', name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters === undefined ? { type: 'object', properties: {} } : toJsonSchema(t.parameters) })));
}
