import type { AssistantReasoning } from './assistant-reasoning.ts';
import type { CallMetadata } from './call-metadata.ts';
import type { ToolCall } from './tool-call.ts';

/** The result of a chat call. */
export interface ChatResult extends CallMetadata {
  /** The generated text ('' when the model only called tools). */
  text: string;
  /** The tool calls the model made, in order. */
  toolCalls: ToolCall[];
  /** The model's reasoning text (a summary or its thoughts), when the provider returned any. */
  reasoning?: string | undefined;
  /**
   * The reasoning state to send back with this turn (`messages[i].reasoning`) so that the same provider type can
   * continue from it: encrypted reasoning items, thought signatures, thinking blocks. Opaque.
   */
  reasoningState?: AssistantReasoning | undefined;
}
