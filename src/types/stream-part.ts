import type { AssistantReasoning } from './assistant-reasoning.ts';
import type { CallMetadata } from './call-metadata.ts';

/**
 * One part of a stream. A stream delivers `text-delta`, `reasoning-delta` and `tool-call` parts and ends with
 * exactly one `finish` part, or by throwing a typed error after the parts already delivered. It never just stops.
 * Reasoning deltas are content: they count as the first token (`timeouts.firstTokenMs`), and once one was
 * delivered the stream can no longer fail over.
 */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | {
      type: 'reasoning-delta';
      /** A piece of the model's reasoning text (Gemini thought parts, vLLM `reasoning_content`, Responses reasoning-summary deltas, Anthropic thinking deltas). */
      text: string;
    }
  | {
      type: 'tool-call';
      /** The call's id. */
      id: string;
      /** The tool's name. */
      name: string;
      /** The arguments, parsed from JSON (the raw text when it is not valid JSON). */
      arguments: unknown;
      /** The arguments exactly as the model produced them, assembled from all deltas. */
      rawArguments: string;
    }
  | ({
      type: 'finish';
      /** The reasoning state to send back with this turn, as `ChatResult.reasoningState`. */
      reasoningState?: AssistantReasoning | undefined;
    } & CallMetadata);
