import type { FinishReason } from '../../src/types/finish-reason.ts';

/**
 * Maps Anthropic's `stop_reason`: `end_turn` and `stop_sequence` → `stop`; `max_tokens` and
 * `model_context_window_exceeded` (the context window filled up while generating) → `length`; `tool_use` →
 * `tool-calls`; `refusal` (a safety classifier stopped the answer) → `content-filter`; `pause_turn` and anything
 * new → `other` (the raw value stays in `rawFinishReason`).
 */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
