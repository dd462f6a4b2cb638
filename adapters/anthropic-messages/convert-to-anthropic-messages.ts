import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';
import type { Warning } from '../../src/types/warning.ts';
import { readAnthropicReasoningState } from './anthropic-reasoning-state.ts';

type Json = Record<string, unknown>;

/** An Anthropic input message: a role and its content blocks. */
export interface AnthropicInputMessage {
  role: 'user' | 'assistant';
  content: Json[];
}

/** What `convertToAnthropicMessages` needs beside the messages. */
export interface AnthropicMessagesOptions {
  /** The provider's id: reasoning state is sent back only to the provider that produced it. */
  provider: string;
  /** Where to add warnings. */
  warnings: Warning[];
}

/** The image types the Messages API reads. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const TOOL_ID = /^[a-zA-Z0-9_-]+$/;

const textOf = (content: string | TextPart[] | null): string => (content === null ? '' : typeof content === 'string' ? content : content.map((p) => p.text).join(''));
const base64Of = (data: string | Uint8Array): string => (typeof data === 'string' ? data : Buffer.from(data).toString('base64'));

/** A tool call id in Anthropic's alphabet (`^[a-zA-Z0-9_-]+$`): ids from other providers are mapped the same way in calls and results. */
export function anthropicToolId(id: string): string {
  return TOOL_ID.test(id) ? id : id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'call';
}

function unsupported(provider: string, feature: string, message: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`${provider}: ${message}`, { feature, provider });
}

/** A `data:` URL's media type and base64 payload. */
function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  const data = match[2] ? (match[3] as string) : Buffer.from(decodeURIComponent(match[3] as string)).toString('base64');
  return { mediaType: match[1] as string, data };
}

function imageBlock(part: Extract<ContentPart, { type: 'image' }>, at: string, provider: string): Json {
  let mediaType: string | undefined;
  let data: string | undefined;
  if ('data' in part) {
    mediaType = part.mediaType;
    data = base64Of(part.data);
  } else {
    const inline = parseDataUrl(part.url);
    if (inline) {
      mediaType = part.mediaType ?? inline.mediaType;
      data = inline.data;
    } else if (/^https?:\/\//i.test(part.url)) {
      return { type: 'image', source: { type: 'url', url: part.url } };
    } else {
      throw unsupported(provider, 'image.url', `${at}: Claude reads images from https URLs or inline data, not from ${part.url.split(':')[0]}: URLs. Send the bytes (data) instead.`);
    }
  }
  if (!IMAGE_TYPES.has(mediaType.toLowerCase())) {
    throw unsupported(provider, 'image.mediaType', `${at}: Claude reads JPEG, PNG, GIF and WebP images, not ${mediaType}. Convert the image first.`);
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType.toLowerCase(), data } };
}

function documentBlock(part: Extract<ContentPart, { type: 'file' }>, at: string, provider: string): Json {
  const mediaType = part.mediaType.toLowerCase();
  let block: Json;
  if (mediaType === 'application/pdf') {
    if ('data' in part) block = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64Of(part.data) } };
    else if (parseDataUrl(part.url)) block = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: (parseDataUrl(part.url) as { data: string }).data } };
    else if (/^https?:\/\//i.test(part.url)) block = { type: 'document', source: { type: 'url', url: part.url } };
    else throw unsupported(provider, 'file.url', `${at}: Claude reads PDFs from https URLs or inline data, not from ${part.url.split(':')[0]}: URLs. Send the bytes (data) instead.`);
  } else if (mediaType === 'text/plain') {
    const inline = 'data' in part ? base64Of(part.data) : parseDataUrl(part.url)?.data;
    if (inline === undefined) throw unsupported(provider, 'file.url', `${at}: a text/plain document must be sent inline (data), not as a URL.`);
    block = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(inline, 'base64').toString('utf8') } };
  } else {
    throw unsupported(provider, 'file.mediaType', `${at}: Claude reads PDF (application/pdf) and plain-text (text/plain) documents, not ${part.mediaType}.`);
  }
  if (part.filename) block.title = part.filename;
  return block;
}

function userBlocks(content: string | ContentPart[], at: string, provider: string): Json[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, i) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'image') return imageBlock(part, `${at}.content[${i}]`, provider);
    return documentBlock(part, `${at}.content[${i}]`, provider);
  });
}

function toolInput(args: unknown, at: string, warnings: Warning[]): unknown {
  if (typeof args !== 'string') return args ?? {};
  try {
    return JSON.parse(args || '{}');
  } catch {
    warnings.push({ type: 'other', setting: `${at}.arguments`, message: 'The arguments are not JSON; Claude needs an object, so {} was sent.' });
    return {};
  }
}

/**
 * Converts Switchyard messages to Anthropic's `system` and `messages`:
 * - system messages become `system` text blocks, in order (one moved from after the first turn gets a warning);
 * - user text, images (base64, `data:` and https URL sources) and documents (PDF as base64 or URL, plain text) become
 *   content blocks; what Claude cannot read throws `UnsupportedFeatureError` before anything is sent (not confirmed from a
 *   primary source: that Vertex AI fetches `url` sources as the Claude API does);
 * - an assistant turn becomes its thinking blocks (only the reasoning state this provider returned), its text and its
 *   `tool_use` blocks;
 * - tool results become `tool_result` blocks in one user message right after the calls, matched by id and in the
 *   order of the calls; a result for no earlier call, or a call left without a result, throws (Claude rejects both).
 */
export function convertToAnthropicMessages(messages: ChatMessage[], options: AnthropicMessagesOptions): { system: string[]; messages: AnthropicInputMessage[] } {
  const { provider, warnings } = options;
  const system: string[] = [];
  const out: AnthropicInputMessage[] = [];
  let pending: string[] = [];
  let results = new Map<string, Json>();
  const flushResults = (next: number) => {
    if (pending.length === 0) return;
    const missing = pending.filter((id) => !results.has(id));
    if (missing.length > 0) {
      throw unsupported(provider, 'toolCalls', `messages[${next}]: the assistant's tool call${missing.length > 1 ? 's' : ''} ${missing.map((id) => `"${id}"`).join(', ')} ha${missing.length > 1 ? 've' : 's'} no tool result before the next message. Claude needs a tool message answering every call, right after the assistant message that made it.`);
    }
    out.push({ role: 'user', content: pending.map((id) => results.get(id) as Json) });
    pending = [];
    results = new Map();
  };

  messages.forEach((m, index) => {
    const at = `messages[${index}]`;
    if (m.role !== 'tool') flushResults(index);
    switch (m.role) {
      case 'system':
        if (out.length > 0) warnings.push({ type: 'other', setting: at, message: 'Claude has one system prompt: this system message was moved into it, after the earlier ones.' });
        system.push(textOf(m.content));
        break;
      case 'user':
        out.push({ role: 'user', content: userBlocks(m.content, at, provider) });
        break;
      case 'assistant': {
        const content: Json[] = [...readAnthropicReasoningState(m.reasoning, provider, at, warnings)];
        const text = textOf(m.content);
        if (text) content.push({ type: 'text', text });
        (m.toolCalls ?? []).forEach((call, i) => {
          const id = anthropicToolId(call.id);
          content.push({ type: 'tool_use', id, name: call.name, input: toolInput(call.arguments, `${at}.toolCalls[${i}]`, warnings) });
          pending.push(id);
        });
        if (content.length === 0) warnings.push({ type: 'other', setting: at, message: 'An empty assistant message was left out: Claude rejects messages without content.' });
        else out.push({ role: 'assistant', content });
        break;
      }
      case 'tool': {
        const id = anthropicToolId(m.toolCallId);
        if (!pending.includes(id)) {
          throw unsupported(provider, 'toolCallId', `${at}: the tool result for call "${m.toolCallId}" answers no tool call of the assistant message before it. Claude matches results to the calls of the previous assistant turn: keep that assistant message, with its toolCalls, right before the results.`);
        }
        results.set(id, { type: 'tool_result', tool_use_id: id, content: textOf(m.content) });
        break;
      }
    }
  });
  flushResults(messages.length);
  return { system, messages: out };
}
