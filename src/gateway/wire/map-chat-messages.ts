import type { AssistantToolCall, ChatMessage, ContentPart, TextPart } from '../../types/chat-message.ts';
import { GatewayRequestError, invalidParam } from '../gateway-request-error.ts';
import { describeJson, isWireObject, wireArray, wireObject, wireString, type WireObject } from './wire-values.ts';

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?,/;

function unsupported(param: string, message: string): GatewayRequestError {
  return new GatewayRequestError(400, `${param}: ${message}`, { param, code: 'unsupported_parameter' });
}

/** Text content: a string, or text parts (`refusal` parts of an assistant turn count as text). */
function mapTextContent(content: unknown, param: string, allowRefusal = false): string | TextPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidParam(param, `expected a string or an array of text parts, found ${describeJson(content)}`, 'invalid_type');
  return content.map((part, i): TextPart => {
    const at = `${param}[${i}]`;
    const p = wireObject(part, at);
    if (p.type === 'text') return { type: 'text', text: wireString(p.text, `${at}.text`) };
    if (allowRefusal && p.type === 'refusal') return { type: 'text', text: wireString(p.refusal, `${at}.refusal`) };
    throw invalidParam(`${at}.type`, `expected "text"${allowRefusal ? ' or "refusal"' : ''} here, found ${JSON.stringify(p.type)}`);
  });
}

function mapUserPart(part: unknown, at: string): ContentPart {
  const p = wireObject(part, at);
  switch (p.type) {
    case 'text':
      return { type: 'text', text: wireString(p.text, `${at}.text`) };
    case 'image_url': {
      // `detail` is a hint that only OpenAI's own models read; Switchyard's image part has no equivalent.
      const image = typeof p.image_url === 'string' ? { url: p.image_url } : wireObject(p.image_url, `${at}.image_url`);
      const url = wireString(image.url, `${at}.image_url.url`);
      const media = DATA_URL.exec(url)?.[1];
      return media ? { type: 'image', url, mediaType: media } : { type: 'image', url };
    }
    case 'file': {
      const file = wireObject(p.file, `${at}.file`);
      if (file.file_id !== undefined && file.file_data === undefined) throw unsupported(`${at}.file.file_id`, 'files uploaded to a provider cannot be routed across providers; send the document inline as file_data (a data: URL)');
      const data = wireString(file.file_data, `${at}.file.file_data`);
      const match = DATA_URL.exec(data);
      const filename = typeof file.filename === 'string' ? file.filename : undefined;
      // OpenAI's chat file input takes PDFs; a bare base64 string (no data: prefix) is one.
      const part: ContentPart = match
        ? { type: 'file', data: data.slice(match[0].length), mediaType: match[1] as string }
        : { type: 'file', data, mediaType: 'application/pdf' };
      if (filename !== undefined) part.filename = filename;
      return part;
    }
    case 'input_audio':
      throw unsupported(`${at}.type`, 'audio input is not supported by Switchyard (send text, images or documents)');
    default:
      throw invalidParam(`${at}.type`, `expected "text", "image_url" or "file", found ${JSON.stringify(p.type)}`);
  }
}

function mapToolCalls(value: unknown, param: string): AssistantToolCall[] {
  return wireArray(value, param).map((call, i) => {
    const at = `${param}[${i}]`;
    const c = wireObject(call, at);
    if (c.type !== undefined && c.type !== 'function') throw unsupported(`${at}.type`, `only function tool calls can be routed, found ${JSON.stringify(c.type)}`);
    const fn = wireObject(c.function, `${at}.function`);
    return { id: wireString(c.id, `${at}.id`), name: wireString(fn.name, `${at}.function.name`), arguments: wireString(fn.arguments, `${at}.function.arguments`) };
  });
}

function mapMessage(message: unknown, at: string): ChatMessage {
  const m: WireObject = wireObject(message, at);
  switch (m.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: mapTextContent(m.content, `${at}.content`) };
    case 'user': {
      const content = m.content;
      if (typeof content === 'string') return { role: 'user', content };
      if (!Array.isArray(content)) throw invalidParam(`${at}.content`, `expected a string or an array of content parts, found ${describeJson(content)}`, 'invalid_type');
      return { role: 'user', content: content.map((part, i) => mapUserPart(part, `${at}.content[${i}]`)) };
    }
    case 'assistant': {
      if (m.function_call !== undefined && m.function_call !== null) throw unsupported(`${at}.function_call`, 'the deprecated function_call is not supported; send tool_calls');
      if (m.audio !== undefined && m.audio !== null) throw unsupported(`${at}.audio`, 'audio replies are not supported by Switchyard');
      const content = m.content === undefined || m.content === null ? null : mapTextContent(m.content, `${at}.content`, true);
      const out: ChatMessage = { role: 'assistant', content };
      if (m.tool_calls !== undefined && m.tool_calls !== null) {
        const calls = mapToolCalls(m.tool_calls, `${at}.tool_calls`);
        if (calls.length > 0) out.toolCalls = calls;
      }
      return out;
    }
    case 'tool':
      return { role: 'tool', toolCallId: wireString(m.tool_call_id, `${at}.tool_call_id`), content: mapTextContent(m.content, `${at}.content`) };
    case 'function':
      throw unsupported(`${at}.role`, 'the deprecated "function" role is not supported; send tool messages with tool_call_id');
    default:
      throw invalidParam(`${at}.role`, `expected "system", "developer", "user", "assistant" or "tool", found ${isWireObject(m) && typeof m.role === 'string' ? JSON.stringify(m.role) : describeJson(m.role)}`);
  }
}

/** Maps Chat Completions `messages` to Switchyard's messages; a 400 naming the field for anything it cannot carry. */
export function mapChatMessages(value: unknown): ChatMessage[] {
  const messages = wireArray(value, 'messages', 1);
  const out: ChatMessage[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) out[i] = mapMessage(messages[i], `messages[${i}]`);
  return out;
}
