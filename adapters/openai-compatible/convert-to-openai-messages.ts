import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { ownReasoningState } from '../../src/reasoning/own-reasoning-state.ts';
import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';
import type { FilePart } from '../../src/types/file-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { OpenAIChatDocuments } from './openai-chat-documents.ts';

type OpenAIContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { file_data: string; filename: string } | { file_id: string } };

/** What `convertToOpenAIMessages` needs beside the messages. */
export interface OpenAIMessagesOptions {
  /** The provider's id, for errors and warnings. */
  provider: string;
  /** How `file` parts are sent. */
  documents: OpenAIChatDocuments;
  /** The assistant message field that carries earlier reasoning text back (vLLM `reasoning`); undefined sends none. */
  reasoningReplayField?: string;
  /** Where to add warnings. */
  warnings: Warning[];
}

const UNSUPPORTED_DOCUMENTS: OpenAIChatDocuments = { style: 'unsupported', reason: 'this server takes no document parts on Chat Completions' };
const DEFAULT_OPTIONS: OpenAIMessagesOptions = { provider: 'openai-compatible', documents: UNSUPPORTED_DOCUMENTS, warnings: [] };

function textOf(content: string | TextPart[] | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

function toBase64(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/** Scheme and host of a URL (never its path or query, which may hold a signed token). */
const describeUrl = (url: string) => /^[a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?/i.exec(url)?.[0] ?? 'a URL';

function convertFile(part: FilePart, message: number, index: number, options: OpenAIMessagesOptions): OpenAIContentPart {
  const { provider, documents } = options;
  const where = `messages[${message}].content[${index}]`;
  if (documents.style === 'unsupported') {
    throw new UnsupportedFeatureError(`${provider}: ${where} is a document (${part.mediaType}) and ${documents.reason}. Send its text as a text part, or route documents to a target that takes them (capabilities.documents: false lets routing skip this one).`, { feature: 'documents', provider });
  }
  if (part.mediaType !== 'application/pdf') {
    throw new UnsupportedFeatureError(`${provider}: ${where} is a ${part.mediaType} document, and Chat Completions takes PDF documents only (application/pdf). Send the document's text as a text part, or use the Responses API (api: responses), which takes more file types.`, { feature: `documents (${part.mediaType})`, provider });
  }
  let fileData: string;
  if ('url' in part) {
    const dataUrl = /^data:([^;,]+)?((?:;[^;,]+)*?)(;base64)?,(.*)$/s.exec(part.url);
    if (!dataUrl) {
      throw new UnsupportedFeatureError(
        `${provider}: ${where} is a document at ${describeUrl(part.url)}…, and Chat Completions takes documents inline or as an uploaded file id, never by URL. Pass its bytes as \`data\` (or an OpenAI file id as \`data: 'file-…'\`), or use the Responses API (api: responses), which takes file URLs.`,
        { feature: 'documents by URL', provider },
      );
    }
    fileData = dataUrl[3] ? `data:application/pdf;base64,${dataUrl[4]}` : `data:application/pdf;base64,${Buffer.from(decodeURIComponent(dataUrl[4] as string)).toString('base64')}`;
  } else {
    // An uploaded file's id: base64 never contains "-", so `file-…` cannot be inline bytes.
    if (typeof part.data === 'string' && part.data.startsWith('file-')) return { type: 'file', file: { file_id: part.data } };
    fileData = `data:application/pdf;base64,${toBase64(part.data)}`;
  }
  return { type: 'file', file: { filename: part.filename ?? 'document.pdf', file_data: fileData } };
}

function convertPart(part: ContentPart, message: number, index: number, options: OpenAIMessagesOptions): OpenAIContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'file') return convertFile(part, message, index, options);
  if ('url' in part) return { type: 'image_url', image_url: { url: part.url } };
  return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${toBase64(part.data)}` } };
}

/**
 * Converts Switchyard messages to Chat Completions `messages`. Documents become `file` parts as `options.documents`
 * says; an assistant's reasoning state is never sent (Chat Completions has no place for it: dropped with a warning),
 * its reasoning text only where the server takes it back (`reasoningReplayField`).
 */
export function convertToOpenAIMessages(messages: ChatMessage[], options: OpenAIMessagesOptions = DEFAULT_OPTIONS): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = new Array(messages.length);
  let documentsSeen = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    switch (m.role) {
      case 'system':
        out[i] = { role: 'system', content: textOf(m.content) };
        break;
      case 'user': {
        if (typeof m.content === 'string') {
          out[i] = { role: 'user', content: m.content };
          break;
        }
        const parts: OpenAIContentPart[] = new Array(m.content.length);
        for (let p = 0; p < m.content.length; p++) {
          const part = m.content[p] as ContentPart;
          if (part.type === 'file') documentsSeen = true;
          parts[p] = convertPart(part, i, p, options);
        }
        out[i] = { role: 'user', content: parts };
        break;
      }
      case 'assistant': {
        const msg: Record<string, unknown> = { role: 'assistant', content: m.content === null ? null : textOf(m.content) };
        if (m.toolCalls?.length) {
          msg.tool_calls = m.toolCalls.map((c) => ({
            id: c.id,
            type: 'function',
            function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}) },
          }));
        }
        if (m.reasoning !== undefined) {
          ownReasoningState(m.reasoning, { format: undefined, provider: options.provider }, `messages[${i}]`, options.warnings);
          if (options.reasoningReplayField && m.reasoning.text) msg[options.reasoningReplayField] = m.reasoning.text;
        }
        out[i] = msg;
        break;
      }
      case 'tool':
        out[i] = { role: 'tool', tool_call_id: m.toolCallId, content: textOf(m.content) };
        break;
    }
  }
  if (documentsSeen && options.documents.style === 'openai-file' && options.documents.unconfirmed) {
    options.warnings.push({ type: 'other', setting: 'messages.file', message: `${options.provider}: ${options.documents.unconfirmed}` });
  }
  return out;
}
