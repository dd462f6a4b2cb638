import type { FinishReason } from '../../src/types/finish-reason.ts';

/** A Responses finish: Switchyard's reason and the provider's own value (the status, or the incomplete reason). */
export interface OpenAIResponsesFinish {
  finishReason: FinishReason;
  rawFinishReason: string | null;
}

/**
 * Maps a Responses `status` and `incomplete_details.reason` to a finish reason: `completed` is `stop`, or
 * `tool-calls` when the output has function calls; `incomplete` with `max_output_tokens` is `length`, with
 * `content_filter` is `content-filter`; anything else is `other` (the raw value kept).
 */
export function mapOpenAIResponsesFinish(status: string | null | undefined, incompleteReason: string | null | undefined, hasToolCalls: boolean): OpenAIResponsesFinish {
  if (status === 'incomplete') {
    const raw = incompleteReason ?? 'incomplete';
    if (raw === 'max_output_tokens') return { finishReason: 'length', rawFinishReason: raw };
    if (raw === 'content_filter') return { finishReason: 'content-filter', rawFinishReason: raw };
    return { finishReason: 'other', rawFinishReason: raw };
  }
  if (status === 'completed' || status === undefined || status === null) return { finishReason: hasToolCalls ? 'tool-calls' : 'stop', rawFinishReason: status ?? null };
  return { finishReason: 'other', rawFinishReason: status };
}
