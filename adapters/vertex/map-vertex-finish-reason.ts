import type { FinishReason } from '../../src/types/finish-reason.ts';

const CONTENT_FILTER = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION', 'MODEL_ARMOR', 'JAILBREAK']);
const ERROR = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Maps a Vertex `finishReason`: `STOP` is `tool-calls` when the candidate holds function calls (Gemini has no
 * reason of its own for that) and `stop` otherwise; `MAX_TOKENS` is `length`; `SAFETY`, `RECITATION`, `BLOCKLIST`,
 * `PROHIBITED_CONTENT`, `SPII`, the `IMAGE_*` blocks and `MODEL_ARMOR` are `content-filter`;
 * `MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL` and `TOO_MANY_TOOL_CALLS` are `error`; anything else
 * (`OTHER`, `LANGUAGE`, `FINISH_REASON_UNSPECIFIED`, none) is `other`.
 */
export function mapVertexFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (raw === 'STOP') return hasToolCalls ? 'tool-calls' : 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (raw && CONTENT_FILTER.has(raw)) return 'content-filter';
  if (raw && ERROR.has(raw)) return 'error';
  return 'other';
}
