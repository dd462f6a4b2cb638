import type { EasyInputMessage, ResponseInputContent, ResponseInputItem, ResponseReasoningItem } from 'openai/resources/responses/responses';
import { InvalidRequestError } from '../../src/errors/invalid-request-error.ts';
import { ownReasoningState } from '../../src/reasoning/own-reasoning-state.ts';
import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';
import type { Warning } from '../../src/types/warning.ts';
import { OPENAI_RESPONSES_FORMAT } from './openai-responses-format.ts';

/** What `convertToOpenAIResponsesInput` returns: the instructions, the input items and what was left out. */
export interface OpenAIResponsesInput {
  /** The leading system messages, joined by a blank line; undefined when the conversation starts with none. */
  instructions: string | undefined;
  /** Every other message as Responses input items, in order. */
  input: ResponseInputItem[];
  /** Reasoning state that belonged to another provider or wire format, dropped. */
  warnings: Warning[];
}

const textOf = (content: string | TextPart[] | null): string => (content === null ? '' : typeof content === 'string' ? content : content.map((p) => p.text).join(''));
const toBase64 = (data: string | Uint8Array): string => (typeof data === 'string' ? data : Buffer.from(data).toString('base64'));

function convertPart(part: ContentPart): ResponseInputContent {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') {
    const url = 'url' in part ? part.url : `data:${part.mediaType};base64,${toBase64(part.data)}`;
    return { type: 'input_image', image_url: url, detail: 'auto' };
  }
  // Documents: a URL is passed as `file_url`, inline bytes as a base64 data URL in `file_data` (which needs a file name).
  if ('url' in part) return part.filename === undefined ? { type: 'input_file', file_url: part.url } : { type: 'input_file', file_url: part.url, filename: part.filename };
  return { type: 'input_file', file_data: `data:${part.mediaType};base64,${toBase64(part.data)}`, filename: part.filename ?? defaultFilename(part.mediaType) };
}

/** OpenAI requires a file name with inline file data: one from the media type when the caller gave none. */
function defaultFilename(mediaType: string): string {
  const subtype = mediaType.split('/')[1]?.split(/[;+]/)[0];
  return `document.${subtype || 'bin'}`;
}

/** The encrypted reasoning items of an assistant turn, when they are this provider's (`ownReasoningState`); else a warning. */
function reasoningItems(message: Extract<ChatMessage, { role: 'assistant' }>, index: number, provider: string, warnings: Warning[]): ResponseReasoningItem[] {
  const data = ownReasoningState(message.reasoning, { format: OPENAI_RESPONSES_FORMAT, provider }, `messages[${index}]`, warnings);
  if (data === undefined) return [];
  const items = Array.isArray(data.items) ? (data.items as ResponseReasoningItem[]) : [];
  return items.filter((item) => item !== null && typeof item === 'object' && item.type === 'reasoning');
}

/**
 * Converts Switchyard messages to Responses `instructions` and input items: leading system messages become
 * `instructions` (later ones stay in place as system messages), user text and parts become `input_text`,
 * `input_image` and `input_file`, an assistant turn becomes its reasoning items (when they are this provider's),
 * its text and one `function_call` per tool call, and a tool result a `function_call_output` with the same call id.
 * A tool result whose call id no earlier assistant turn made is refused with `InvalidRequestError` before anything is
 * sent (the API would reject the whole request).
 */
export function convertToOpenAIResponsesInput(messages: ChatMessage[], provider: string): OpenAIResponsesInput {
  const input: ResponseInputItem[] = [];
  const warnings: Warning[] = [];
  const callIds = new Set<string>();
  let instructions: string | undefined;
  let leading = true;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    if (m.role === 'system') {
      const text = textOf(m.content);
      if (leading) instructions = instructions === undefined ? text : `${instructions}\n\n${text}`;
      else input.push({ role: 'system', content: text });
      continue;
    }
    leading = false;
    switch (m.role) {
      case 'user':
        input.push({ role: 'user', content: typeof m.content === 'string' ? m.content : m.content.map(convertPart) } as EasyInputMessage);
        break;
      case 'assistant': {
        for (const item of reasoningItems(m, i, provider, warnings)) input.push(item);
        const text = textOf(m.content);
        if (text !== '') input.push({ role: 'assistant', content: text });
        for (const call of m.toolCalls ?? []) {
          callIds.add(call.id);
          input.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}) });
        }
        break;
      }
      case 'tool':
        if (!callIds.has(m.toolCallId)) {
          // Found before sending (status 400 is what the API would answer): a round trip that cannot succeed is not made.
          throw new InvalidRequestError(
            `${provider}: messages[${i}] is a tool result for call id "${m.toolCallId}", but no earlier assistant message made a tool call with that id. The Responses API matches results to calls by id: send the assistant turn with its toolCalls before the results. Nothing was sent.`,
            { status: 400, provider, providerCode: 'unmatched_tool_call_id', retryable: false },
          );
        }
        input.push({ type: 'function_call_output', call_id: m.toolCallId, output: textOf(m.content) });
        break;
    }
  }
  return { instructions, input, warnings };
}
