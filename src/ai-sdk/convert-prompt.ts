import type { LanguageModelV4FilePart, LanguageModelV4Prompt, LanguageModelV4ToolResultOutput, SharedV4Warning } from '@ai-sdk/provider';
import { UnsupportedFeatureError } from '../errors/unsupported-feature-error.ts';
import type { AssistantReasoning, ReasoningProviderData } from '../types/assistant-reasoning.ts';
import type { AssistantToolCall, ChatMessage, ContentPart } from '../types/chat-message.ts';

const IMAGE_SIGNATURES: Array<[string, string]> = [['iVBORw0KGgo', 'image/png'], ['/9j/', 'image/jpeg'], ['R0lGOD', 'image/gif'], ['UklGR', 'image/webp']];

function base64Of(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/** A full image media type: the one given, or one told from the bytes when only `image` (or `image/*`) was given. */
function imageMediaType(mediaType: string, data: string | Uint8Array): string {
  if (/^image\/[^*]+$/.test(mediaType)) return mediaType;
  const head = base64Of(typeof data === 'string' ? data.slice(0, 16) : data.subarray(0, 12));
  const match = IMAGE_SIGNATURES.find(([prefix]) => head.startsWith(prefix));
  if (!match) throw new UnsupportedFeatureError(`An image part has media type "${mediaType}" and its bytes are not PNG, JPEG, GIF or WebP: give the full media type (such as image/png).`, { feature: 'image media type' });
  return match[1];
}

function convertFile(part: LanguageModelV4FilePart): ContentPart {
  const { data, mediaType } = part;
  if (data.type === 'text' && mediaType.startsWith('text')) return { type: 'text', text: data.text };
  if (!mediaType.startsWith('image')) {
    // A document (a PDF, …): each adapter maps it or says before sending that its target cannot take it.
    const filename = part.filename !== undefined ? { filename: part.filename } : {};
    if (data.type === 'url') return { type: 'file', url: data.originalUrl ?? data.url.href, mediaType, ...filename };
    if (data.type === 'data') return { type: 'file', data: data.data, mediaType, ...filename };
    throw new UnsupportedFeatureError(`A document given as a ${data.type} cannot be sent through Switchyard: pass its bytes or its URL.`, { feature: `file parts (${data.type})` });
  }
  if (data.type === 'url') return { type: 'image', url: data.originalUrl ?? data.url.href, ...(/^image\/[^*]+$/.test(mediaType) ? { mediaType } : {}) };
  if (data.type === 'data') return { type: 'image', data: data.data, mediaType: imageMediaType(mediaType, data.data) };
  throw new UnsupportedFeatureError(`An image given as a ${data.type} cannot be sent through Switchyard: pass its bytes or its URL.`, { feature: `image ${data.type}` });
}

function toolOutputText(output: LanguageModelV4ToolResultOutput, warnings: SharedV4Warning[]): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return `The tool call was denied${output.reason ? `: ${output.reason}` : '.'}`;
    case 'content':
      if (output.value.some((p) => p.type !== 'text')) warnings.push({ type: 'unsupported', feature: 'tool result files', details: 'Only the text parts of a tool result were sent.' });
      return output.value.map((p) => (p.type === 'text' ? p.text : '')).join('');
  }
}

/** The reasoning state a reasoning part carries back (`providerOptions.switchyard.reasoningState`, as Switchyard returned it). */
function reasoningStateOf(providerOptions: Record<string, Record<string, unknown>> | undefined): ReasoningProviderData | undefined {
  const state = providerOptions?.switchyard?.reasoningState as ReasoningProviderData | undefined;
  return typeof state === 'object' && state !== null && typeof state.format === 'string' && typeof state.provider === 'string' ? state : undefined;
}

/**
 * Converts an AI SDK prompt to Switchyard messages: system, user (text, images, documents, inline text files),
 * assistant (text, tool calls, and reasoning parts as `reasoning`: their text, and the state Switchyard returned in
 * `providerMetadata.switchyard.reasoningState`) and tool results (one `tool` message per result). What cannot be sent
 * is a warning (provider-executed results, reasoning files) or, for content the model would miss, an
 * `UnsupportedFeatureError`.
 */
export function convertPrompt(prompt: LanguageModelV4Prompt, warnings: SharedV4Warning[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const parts = message.content.map((part) => (part.type === 'text' ? { type: 'text' as const, text: part.text } : convertFile(part)));
        const onlyText = parts.every((p) => p.type === 'text');
        messages.push({ role: 'user', content: onlyText && parts.length === 1 ? (parts[0] as { text: string }).text : parts });
        break;
      }
      case 'assistant': {
        let text = '';
        let thoughts: string | undefined;
        let state: ReasoningProviderData | undefined;
        const toolCalls: AssistantToolCall[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
          else if (part.type === 'reasoning') {
            if (part.text) thoughts = (thoughts ?? '') + part.text;
            state = reasoningStateOf(part.providerOptions) ?? state;
          } else warnings.push({ type: 'unsupported', feature: `assistant ${part.type} parts`, details: `An assistant message's ${part.type} part was not sent.` });
        }
        const reasoning: AssistantReasoning | undefined = thoughts === undefined && state === undefined ? undefined : { ...(thoughts !== undefined ? { text: thoughts } : {}), ...(state ? { providerData: state } : {}) };
        messages.push({ role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, ...(toolCalls.length > 0 ? { toolCalls } : {}), ...(reasoning ? { reasoning } : {}) });
        break;
      }
      case 'tool':
        for (const part of message.content) {
          if (part.type === 'tool-result') messages.push({ role: 'tool', toolCallId: part.toolCallId, name: part.toolName, content: toolOutputText(part.output, warnings) });
        }
        break;
    }
  }
  return messages;
}
