import { estimatePromptTokens } from '../router/estimate-prompt-tokens.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';

/** Output tokens counted against `tokensPerMinute` when a chat request sets no `maxTokens`. */
export const DEFAULT_LIMIT_OUTPUT_TOKENS = 4_096;

/**
 * The tokens a request is counted for against `tokensPerMinute` before it is sent, the way Azure OpenAI counts its
 * own TPM (prompt tokens plus `max_tokens`): the prompt's estimate (about 4 characters per token) plus `maxTokens`,
 * else 4096. Embeddings: every input's estimate. The count is settled to the usage reported once the call is over.
 */
export function estimateLimitTokens(request: ChatRequest | EmbedRequest): number {
  if ('input' in request) {
    let chars = 0;
    for (const input of request.input) chars += input.length;
    return Math.max(1, Math.ceil(chars / 4));
  }
  return estimatePromptTokens(request) + (request.maxTokens ?? DEFAULT_LIMIT_OUTPUT_TOKENS);
}
