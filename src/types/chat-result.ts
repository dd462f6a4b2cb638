import type { CallMetadata } from './call-metadata.ts';
import type { ToolCall } from './tool-call.ts';

/** The result of a chat call. */
export interface ChatResult extends CallMetadata {
  /** The generated text ('' when the model only called tools). */
  text: string;
  /** The tool calls the model made, in order. */
  toolCalls: ToolCall[];
}
