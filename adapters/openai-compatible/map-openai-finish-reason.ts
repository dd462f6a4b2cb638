import type { FinishReason } from '../../src/types/finish-reason.ts';

/** Maps an OpenAI-format `finish_reason` to Switchyard's; unknown values become `other`. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}
