import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { ownReasoningState } from '../../src/reasoning/own-reasoning-state.ts';
import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';
import type { FilePart } from '../../src/types/file-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { GEMINI_REASONING_FORMAT, readGeminiReasoningData } from './vertex-reasoning-state.ts';
import type { VertexSignatureStore } from './vertex-signature-store.ts';

/** A Vertex `Content`: a role and its parts. */
export interface VertexContent {
  role: 'user' | 'model';
  parts: Record<string, unknown>[];
}

/** What `convertToVertexContents` needs beside the messages. */
export interface VertexContentsOptions {
  /** The model, to know whether it checks thought signatures (Gemini 3 and later). */
  model: string;
  /** Signatures of earlier function calls, by call id. */
  signatures: VertexSignatureStore;
  /** Where to add warnings. */
  warnings: Warning[];
  /** The provider's id, for error messages. */
  provider: string;
}

/** Google's documented value for a function call replayed without its signature (from another model or provider). */
const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

const MIME_BY_EXTENSION: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf' };

const textOf = (content: string | TextPart[] | null): string => (content === null ? '' : typeof content === 'string' ? content : content.map((p) => p.text).join(''));
const checksSignatures = (model: string) => Number(/gemini-(\d+)/.exec(model)?.[1] ?? 0) >= 3;

/** MIME types Gemini reads as documents or media (the model pages: documents `application/pdf`, `text/plain`). */
const TAKES_MEDIA_TYPE = /^(application\/pdf|text\/plain|image\/[\w.+-]+|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** Scheme and host of a URL (never its path or query, which may hold a signed token). */
const describeUrl = (url: string) => /^[a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?/i.exec(url)?.[0] ?? 'a URL';

/**
 * A document part: inline bytes (or a `data:` URL) as `inlineData`, a `gs:` or `https:` URL as `fileData` with its
 * MIME type. Types Gemini does not read and other URL schemes are an `UnsupportedFeatureError` before sending.
 */
function convertFile(part: FilePart, message: number, index: number, provider: string): Record<string, unknown> {
  const where = `messages[${message}].content[${index}]`;
  if (!TAKES_MEDIA_TYPE.test(part.mediaType)) {
    throw new UnsupportedFeatureError(`${provider}: ${where} is a ${part.mediaType} document, and Gemini takes PDF and plain-text documents (application/pdf, text/plain), images, audio and video. Send the document's text as a text part, or convert it to PDF.`, { feature: `documents (${part.mediaType})`, provider });
  }
  if ('data' in part) return { inlineData: { mimeType: part.mediaType, data: typeof part.data === 'string' ? part.data : Buffer.from(part.data).toString('base64') } };
  const dataUrl = /^data:([^;,]+)?((?:;[^;,]+)*?)(;base64)?,(.*)$/s.exec(part.url);
  if (dataUrl) return { inlineData: { mimeType: part.mediaType, data: dataUrl[3] ? dataUrl[4] : Buffer.from(decodeURIComponent(dataUrl[4] as string)).toString('base64') } };
  if (!/^(gs|https):\/\//i.test(part.url)) {
    throw new UnsupportedFeatureError(`${provider}: ${where} is a document at ${describeUrl(part.url)}…; Vertex AI reads documents from Cloud Storage (gs://) and https:// URLs, or inline. Pass its bytes as \`data\`, or a gs:// or https:// URL.`, { feature: 'documents by URL', provider });
  }
  return { fileData: { mimeType: part.mediaType, fileUri: part.url } };
}

function convertPart(part: ContentPart, message: number, index: number, options: VertexContentsOptions): Record<string, unknown> {
  const warnings = options.warnings;
  if (part.type === 'text') return { text: part.text };
  if (part.type === 'file') return convertFile(part, message, index, options.provider);
  if ('data' in part) return { inlineData: { mimeType: part.mediaType, data: typeof part.data === 'string' ? part.data : Buffer.from(part.data).toString('base64') } };
  const dataUrl = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(part.url);
  if (dataUrl) {
    const data = dataUrl[2] ? (dataUrl[3] as string) : Buffer.from(decodeURIComponent(dataUrl[3] as string)).toString('base64');
    return { inlineData: { mimeType: part.mediaType ?? dataUrl[1], data } };
  }
  let mimeType = part.mediaType ?? MIME_BY_EXTENSION[/\.([a-z0-9]+)(?:[?#].*)?$/i.exec(part.url)?.[1]?.toLowerCase() ?? ''];
  if (!mimeType) {
    mimeType = 'image/jpeg';
    warnings.push({ type: 'other', setting: 'messages.image.mediaType', message: `Vertex needs a MIME type for ${part.url}; none was given or could be told from the name, so image/jpeg was sent. Set mediaType on the image part.` });
  }
  return { fileData: { mimeType, fileUri: part.url } };
}

function functionResponse(name: string, content: string | TextPart[]): Record<string, unknown> {
  const text = textOf(content);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Plain text: sent as the output.
  }
  // A JSON object is the whole response (Vertex reads it as the output); anything else goes under `output`.
  const response = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { output: value };
  return { functionResponse: { name, response } };
}

/**
 * Converts Switchyard messages to Vertex `contents` and `systemInstruction`. Documents become `inlineData` or `fileData`.
 * Assistant tool calls become `functionCall` parts with their thought signature: from the message's own Gemini
 * reasoning state (`messages[i].reasoning`, only when its format and provider are this provider's; other state is
 * dropped with a warning), else the one this provider recorded for the call id; tool results become `functionResponse`
 * parts, matched to their call by id (Vertex matches by name and order, so consecutive results are joined into one
 * user turn in the order of the calls they answer).
 */
export function convertToVertexContents(messages: ChatMessage[], options: VertexContentsOptions): { contents: VertexContent[]; systemInstruction?: { parts: Array<{ text: string }> } } {
  const contents: VertexContent[] = [];
  const system: Array<{ text: string }> = [];
  const callNames = new Map<string, string>();
  let lastCalls: string[] = [];
  let results: Array<{ id: string; part: Record<string, unknown> }> = [];
  const flushResults = () => {
    if (results.length === 0) return;
    const order = (id: string) => (lastCalls.includes(id) ? lastCalls.indexOf(id) : lastCalls.length);
    results.sort((a, b) => order(a.id) - order(b.id));
    contents.push({ role: 'user', parts: results.map((r) => r.part) });
    results = [];
  };

  messages.forEach((m, index) => {
    if (m.role !== 'tool') flushResults();
    switch (m.role) {
      case 'system':
        if (contents.length > 0) options.warnings.push({ type: 'other', setting: `messages[${index}]`, message: 'Vertex has one system instruction: this system message was moved into it, after the earlier ones.' });
        system.push({ text: textOf(m.content) });
        break;
      case 'user':
        contents.push({ role: 'user', parts: typeof m.content === 'string' ? [{ text: m.content }] : m.content.map((p, i) => convertPart(p, index, i, options)) });
        break;
      case 'assistant': {
        const parts: Record<string, unknown>[] = [];
        // Only this provider's own Gemini state is sent back; thought text never is (Gemini takes signatures, not thoughts).
        const own = m.reasoning === undefined ? {} : readGeminiReasoningData(ownReasoningState(m.reasoning, { format: GEMINI_REASONING_FORMAT, provider: options.provider }, `messages[${index}]`, options.warnings));
        const text = textOf(m.content);
        if (text) parts.push(own.textSignature ? { text, thoughtSignature: own.textSignature } : { text });
        lastCalls = [];
        (m.toolCalls ?? []).forEach((call, i) => {
          callNames.set(call.id, call.name);
          lastCalls.push(call.id);
          let args = call.arguments;
          if (typeof args === 'string') {
            try {
              args = JSON.parse(args || '{}');
            } catch {
              options.warnings.push({ type: 'other', setting: `messages[${index}].toolCalls[${i}].arguments`, message: 'The arguments are not JSON; Vertex needs an object, so {} was sent.' });
              args = {};
            }
          }
          const part: Record<string, unknown> = { functionCall: { name: call.name, args: typeof args === 'object' && args !== null && !Array.isArray(args) ? args : { value: args } } };
          const carried = own.signatures?.[call.id];
          const signature = (typeof carried === 'string' ? carried : undefined) ?? options.signatures.get(call.id) ?? (i === 0 && checksSignatures(options.model) ? SKIP_THOUGHT_SIGNATURE : undefined);
          if (signature) part.thoughtSignature = signature;
          parts.push(part);
        });
        if (parts.length > 0) contents.push({ role: 'model', parts });
        break;
      }
      case 'tool': {
        const name = m.name ?? callNames.get(m.toolCallId);
        if (!name) {
          throw new UnsupportedFeatureError(
            `${options.provider}: the tool result for call "${m.toolCallId}" (messages[${index}]) answers no earlier assistant tool call. Vertex matches results to calls by function name: set \`name\` on the tool message, or keep the assistant message that made the call.`,
            { feature: 'toolCallId', provider: options.provider },
          );
        }
        results.push({ id: m.toolCallId, part: functionResponse(name, m.content) });
        break;
      }
    }
  });
  flushResults();
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}
