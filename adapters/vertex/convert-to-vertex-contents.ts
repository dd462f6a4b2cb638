import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import type { ChatMessage, ContentPart, TextPart } from '../../src/types/chat-message.ts';
import type { Warning } from '../../src/types/warning.ts';
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

function convertPart(part: ContentPart, warnings: Warning[]): Record<string, unknown> {
  if (part.type === 'text') return { text: part.text };
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
 * Converts Switchyard messages to Vertex `contents` and `systemInstruction`. Assistant tool calls become
 * `functionCall` parts (with the thought signature recorded for their id); tool results become `functionResponse`
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
        contents.push({ role: 'user', parts: typeof m.content === 'string' ? [{ text: m.content }] : m.content.map((p) => convertPart(p, options.warnings)) });
        break;
      case 'assistant': {
        const parts: Record<string, unknown>[] = [];
        const text = textOf(m.content);
        if (text) parts.push({ text });
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
          const signature = options.signatures.get(call.id) ?? (i === 0 && checksSignatures(options.model) ? SKIP_THOUGHT_SIGNATURE : undefined);
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
