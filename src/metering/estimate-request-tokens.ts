import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';

/** Tokens counted for each image part, whatever its size (OpenAI's largest high-detail tiling stays below it). */
export const IMAGE_TOKENS_ESTIMATE = 2_000;
/** Tokens counted for each message's framing (role, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Output tokens assumed when a chat request sets no `maxTokens`. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

/** The worst-case size of a request, in tokens. */
export interface RequestTokenEstimate {
  /** An upper bound of the prompt tokens. */
  inputTokens: number;
  /** The most tokens it may generate. */
  outputTokens: number;
}

/**
 * A worst-case token count for a request, made before the call (for budget reservations and `lowest-cost`).
 *
 * - Prompt: the UTF-8 byte length of every text (messages, tool definitions, JSON schema), because a byte-level
 *   BPE or SentencePiece token always covers at least one byte; plus `MESSAGE_OVERHEAD_TOKENS` per message and
 *   `IMAGE_TOKENS_ESTIMATE` per image. This over-counts typical English about four times: a reservation is
 *   pessimistic on purpose and is settled to the actual cost afterwards.
 * - Output: `maxTokens`, else `defaultMaxOutputTokens` (@default 4096); embeddings generate none.
 */
export function estimateRequestTokens(request: ChatRequest | EmbedRequest, defaultMaxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS): RequestTokenEstimate {
  if ('input' in request) {
    let inputTokens = 0;
    for (const text of request.input) inputTokens += Buffer.byteLength(text, 'utf8') + 1;
    return { inputTokens, outputTokens: 0 };
  }
  let inputTokens = 0;
  for (const message of request.messages) {
    inputTokens += MESSAGE_OVERHEAD_TOKENS;
    const content = message.content;
    if (typeof content === 'string') inputTokens += Buffer.byteLength(content, 'utf8');
    else if (Array.isArray(content)) {
      for (const part of content) inputTokens += part.type === 'text' ? Buffer.byteLength(part.text, 'utf8') : IMAGE_TOKENS_ESTIMATE;
    }
    if (message.role === 'assistant' && message.toolCalls) inputTokens += Buffer.byteLength(JSON.stringify(message.toolCalls), 'utf8');
  }
  if (request.tools) inputTokens += Buffer.byteLength(JSON.stringify(request.tools), 'utf8');
  if (request.responseFormat) inputTokens += Buffer.byteLength(JSON.stringify(request.responseFormat), 'utf8');
  return { inputTokens, outputTokens: request.maxTokens ?? defaultMaxOutputTokens };
}
