import type { AssistantReasoning } from './assistant-reasoning.ts';
import type { FilePart } from './file-part.ts';

/** A text part of a message. */
export interface TextPart {
  type: 'text';
  /** The text. */
  text: string;
}

/**
 * An image part of a message: either a URL (`https:`, `gs:` or a `data:` URL) or inline bytes.
 * Inline `data` is base64 text or raw bytes; `mediaType` is its MIME type (for example `image/png`).
 */
export type ImagePart =
  | { type: 'image'; url: string; mediaType?: string | undefined }
  | { type: 'image'; data: string | Uint8Array; mediaType: string };

/** One part of a message's content. */
export type ContentPart = TextPart | ImagePart | FilePart;

/** A tool call an assistant made earlier in the conversation, sent back as history. */
export interface AssistantToolCall {
  /** The id the provider gave the call (Switchyard generates stable ids where a provider has none). */
  id: string;
  /** The tool's name. */
  name: string;
  /** The arguments, already parsed (an object) or as the JSON text the model produced. */
  arguments: unknown;
}

/**
 * One message of a conversation.
 *
 * - `system`: instructions; adapters map it to the provider's own place (Vertex `systemInstruction`).
 * - `user`: text or parts (text, images, documents).
 * - `assistant`: earlier replies, optionally with `toolCalls` and the `reasoning` that preceded them.
 * - `tool`: the result of a tool call, answering the call `toolCallId`.
 */
export type ChatMessage =
  | { role: 'system'; content: string | TextPart[] }
  | { role: 'user'; content: string | ContentPart[] }
  | { role: 'assistant'; content: string | TextPart[] | null; toolCalls?: AssistantToolCall[] | undefined; /** The reasoning of this turn, for providers that continue from it. */ reasoning?: AssistantReasoning | undefined }
  | { role: 'tool'; content: string | TextPart[]; toolCallId: string; /** The tool's name; providers that match results by name (Vertex) need it, Switchyard finds it from the history when absent. */ name?: string | undefined };
