import type { AssistantReasoning } from '../types/assistant-reasoning.ts';
import type { AssistantToolCall, ChatMessage, ImagePart, TextPart } from '../types/chat-message.ts';
import type { FilePart } from '../types/file-part.ts';
import { fieldSet } from './field-set.ts';
import { expected, isObject, unknownKey, type RequestProblem } from './request-problem.ts';

type Role = ChatMessage['role'];
type MessageOf<R extends Role> = Extract<ChatMessage, { role: R }>;

const ROLES = 'system | user | assistant | tool';
// Each role's fields, checked against `ChatMessage` by the compiler (a field added there must be known here).
const KEYS: Record<Role, ReadonlySet<string>> = {
  system: fieldSet<MessageOf<'system'>>()(['role', 'content']),
  user: fieldSet<MessageOf<'user'>>()(['role', 'content']),
  assistant: fieldSet<MessageOf<'assistant'>>()(['role', 'content', 'toolCalls', 'reasoning']),
  tool: fieldSet<MessageOf<'tool'>>()(['role', 'content', 'toolCallId', 'name']),
};
const TEXT_KEYS = fieldSet<TextPart>()(['type', 'text']);
const IMAGE_KEYS = fieldSet<ImagePart>()(['type', 'url', 'data', 'mediaType']);
const FILE_KEYS = fieldSet<FilePart>()(['type', 'url', 'data', 'mediaType', 'filename']);
const TOOL_CALL_KEYS = fieldSet<AssistantToolCall>()(['id', 'name', 'arguments']);
const REASONING_KEYS = fieldSet<AssistantReasoning>()(['text', 'providerData']);

/**
 * `messages`: a non-empty list, each message with a known `role` and the content that role takes (system: text;
 * user: text, images, files; assistant: text or null with `toolCalls` or `reasoning`; tool: text and `toolCallId`).
 */
export function checkMessages(messages: unknown): RequestProblem | undefined {
  if (!Array.isArray(messages)) return expected('messages', 'a list of messages such as [{ role: "user", content: "Hello" }]', messages);
  if (messages.length === 0) return { field: 'messages', message: 'expected at least one message, found an empty list' };
  for (let i = 0; i < messages.length; i++) {
    const problem = checkMessage(messages[i], i);
    if (problem) return problem;
  }
  return undefined;
}

function checkMessage(message: unknown, i: number): RequestProblem | undefined {
  if (!isObject(message)) return expected(`messages[${i}]`, 'a message such as { role: "user", content: "Hello" }', message);
  const role = message.role;
  if (role !== 'system' && role !== 'user' && role !== 'assistant' && role !== 'tool') return expected(`messages[${i}].role`, ROLES, role);
  const extra = unknownKey(message, KEYS[role], `messages[${i}]`);
  if (extra) return extra;
  const content = message.content;
  if (role === 'assistant') {
    const toolCalls = message.toolCalls;
    if (toolCalls !== undefined) {
      if (!Array.isArray(toolCalls)) return expected(`messages[${i}].toolCalls`, 'a list of { id, name, arguments }', toolCalls);
      for (let j = 0; j < toolCalls.length; j++) {
        const problem = checkToolCall(toolCalls[j], `messages[${i}].toolCalls[${j}]`);
        if (problem) return problem;
      }
    }
    const reasoning = message.reasoning;
    if (reasoning !== undefined) {
      if (!isObject(reasoning)) return expected(`messages[${i}].reasoning`, 'the reasoning a result returned ({ text?, providerData? })', reasoning);
      const extraReasoning = unknownKey(reasoning, REASONING_KEYS, `messages[${i}].reasoning`);
      if (extraReasoning) return extraReasoning;
      if (reasoning.text !== undefined && typeof reasoning.text !== 'string') return expected(`messages[${i}].reasoning.text`, 'a string', reasoning.text);
      const data = reasoning.providerData;
      if (data !== undefined) {
        const at = `messages[${i}].reasoning.providerData`;
        // The tags decide where the state may be sent: without them an adapter could not tell it is its own.
        if (!isObject(data)) return expected(at, "a result's reasoningState.providerData, as it was returned ({ format, provider, … })", data);
        if (typeof data.format !== 'string' || data.format === '') return expected(`${at}.format`, 'the wire format that produced the state (openai-responses, gemini, anthropic-messages), as the result returned it', data.format);
        if (typeof data.provider !== 'string' || data.provider === '') return expected(`${at}.provider`, 'the id of the provider that produced the state, as the result returned it', data.provider);
      }
    }
    if (content === null || content === undefined) {
      if ((Array.isArray(toolCalls) && toolCalls.length > 0) || reasoning !== undefined) return undefined;
      return expected(`messages[${i}].content`, 'text or text parts (null only with toolCalls)', content);
    }
  }
  if (role === 'tool') {
    if (typeof message.toolCallId !== 'string' || message.toolCallId === '') return expected(`messages[${i}].toolCallId`, 'the id of the tool call this answers (a non-empty string)', message.toolCallId);
    if (message.name !== undefined && (typeof message.name !== 'string' || message.name === '')) return expected(`messages[${i}].name`, "the tool's name", message.name);
  }
  if (typeof content === 'string') return undefined;
  const at = `messages[${i}].content`;
  if (!Array.isArray(content)) return expected(at, role === 'user' ? 'a string or a list of parts (text, image, file)' : 'a string or a list of text parts', content);
  if (content.length === 0) return { field: at, message: 'expected at least one part, found an empty list' };
  for (let j = 0; j < content.length; j++) {
    const problem = checkPart(content[j], `${at}[${j}]`, role === 'user');
    if (problem) return problem;
  }
  return undefined;
}

function checkPart(part: unknown, at: string, media: boolean): RequestProblem | undefined {
  if (!isObject(part)) return expected(at, media ? 'a part such as { type: "text", text: "…" }' : 'a text part { type: "text", text: "…" }', part);
  const type = part.type;
  if (type === 'text') return unknownKey(part, TEXT_KEYS, at) ?? (typeof part.text === 'string' ? undefined : expected(`${at}.text`, 'a string', part.text));
  if (!media || (type !== 'image' && type !== 'file')) return expected(`${at}.type`, media ? 'text | image | file' : 'text (only user messages take images and files)', type);
  const extra = unknownKey(part, type === 'image' ? IMAGE_KEYS : FILE_KEYS, at);
  if (extra) return extra;
  const { url, data, mediaType } = part;
  if (url !== undefined && data !== undefined) return { field: at, message: `expected either url or data, found both` };
  if (url !== undefined) {
    if (typeof url !== 'string' || url === '') return expected(`${at}.url`, 'a URL (https:, gs: or data:)', url);
  } else if (data !== undefined) {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) return expected(`${at}.data`, 'base64 text or bytes (a Uint8Array)', data);
    if (typeof mediaType !== 'string' || mediaType === '') return expected(`${at}.mediaType`, 'the MIME type of the inline data, such as image/png or application/pdf', mediaType);
  } else return { field: at, message: `expected url or data, found neither` };
  if (type === 'file') {
    if (typeof mediaType !== 'string' || mediaType === '') return expected(`${at}.mediaType`, 'the MIME type of the file, such as application/pdf', mediaType);
    if (part.filename !== undefined && typeof part.filename !== 'string') return expected(`${at}.filename`, 'a string', part.filename);
  } else if (mediaType !== undefined && typeof mediaType !== 'string') return expected(`${at}.mediaType`, 'a MIME type such as image/png', mediaType);
  return undefined;
}

function checkToolCall(call: unknown, at: string): RequestProblem | undefined {
  if (!isObject(call)) return expected(at, 'a tool call { id, name, arguments }', call);
  const extra = unknownKey(call, TOOL_CALL_KEYS, at);
  if (extra) return extra;
  if (typeof call.id !== 'string' || call.id === '') return expected(`${at}.id`, "the call's id (a non-empty string)", call.id);
  if (typeof call.name !== 'string' || call.name === '') return expected(`${at}.name`, "the tool's name", call.name);
  return undefined;
}
