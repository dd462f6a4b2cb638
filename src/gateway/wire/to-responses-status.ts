import type { FinishReason } from '../../types/finish-reason.ts';

/** A response's `status` and `incomplete_details`. */
export interface ResponsesStatus {
  status: 'completed' | 'incomplete';
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

const COMPLETED: ResponsesStatus = { status: 'completed', incomplete_details: null };
const LENGTH: ResponsesStatus = { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
const FILTERED: ResponsesStatus = { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };

/**
 * Switchyard's finish reason as a Responses `status`: `incomplete` (with `max_output_tokens` or `content_filter`)
 * when the token limit or a filter stopped the answer, else `completed` (a finished answer, tool calls included).
 */
export function toResponsesStatus(reason: FinishReason): ResponsesStatus {
  return reason === 'length' ? LENGTH : reason === 'content-filter' ? FILTERED : COMPLETED;
}
