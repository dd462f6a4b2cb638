import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';

type OpenAIContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

function textOf(content: string | TextPart[] | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

function toBase64(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

function convertPart(part: ContentPart): OpenAIContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if ('url' in part) return { type: 'image_url', image_url: { url: part.url } };
  return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${toBase64(part.data)}` } };
}

/** Converts Switchyard messages to Chat Completions `messages`. */
export function convertToOpenAIMessages(messages: ChatMessage[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    switch (m.role) {
      case 'system':
        out[i] = { role: 'system', content: textOf(m.content) };
        break;
      case 'user':
        out[i] = { role: 'user', content: typeof m.content === 'string' ? m.content : m.content.map(convertPart) };
        break;
      case 'assistant': {
        const msg: Record<string, unknown> = { role: 'assistant', content: m.content === null ? null : textOf(m.content) };
        if (m.toolCalls?.length) {
          msg.tool_calls = m.toolCalls.map((c) => ({
            id: c.id,
            type: 'function',
            function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}) },
          }));
        }
        out[i] = msg;
        break;
      }
      case 'tool':
        out[i] = { role: 'tool', tool_call_id: m.toolCallId, content: textOf(m.content) };
        break;
    }
  }
  return out;
}
