import type { FinishReason } from '../../types/finish-reason.ts';

const OPENAI_VALUES = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/**
 * Switchyard's finish reason as OpenAI's `finish_reason`. `error` and `other` have no OpenAI value: the provider's own
 * value is sent when it is one of OpenAI's, else `stop` (the `switchyard` field of a stream's last chunk keeps the
 * normalised reason).
 */
export function toOpenAIFinishReason(reason: FinishReason, raw: string | null): string {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return raw !== null && OPENAI_VALUES.has(raw) ? raw : 'stop';
  }
}
