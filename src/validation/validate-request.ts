import { InvalidRequestError } from '../errors/invalid-request-error.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { StreamPart } from '../types/stream-part.ts';
import { checkChatRequest } from './check-chat-request.ts';
import { checkEmbedRequest } from './check-embed-request.ts';
import type { RequestProblem } from './request-problem.ts';

/** The `InvalidRequestError` for a problem: local (nothing was sent), status 400, the field named first. */
export function toInvalidRequestError(problem: RequestProblem, provider: string | undefined): InvalidRequestError {
  return new InvalidRequestError(`${problem.field}: ${problem.message}`, { status: 400, retryable: false, local: true, field: problem.field, ...(provider === undefined ? {} : { provider }) });
}

/** Throws `InvalidRequestError` (local) when a chat request breaks the contract; see `checkChatRequest`. */
export function validateChatRequest(request: ChatRequest, provider?: string): void {
  const problem = checkChatRequest(request);
  if (problem) throw toInvalidRequestError(problem, provider);
}

/** Throws `InvalidRequestError` (local) when an embedding request breaks the contract; see `checkEmbedRequest`. */
export function validateEmbedRequest(request: EmbedRequest, provider?: string): void {
  const problem = checkEmbedRequest(request);
  if (problem) throw toInvalidRequestError(problem, provider);
}

/**
 * `stream(request)` for a request that breaks the contract: a stream whose first read throws the
 * `InvalidRequestError` (as every error before the first part is thrown), or undefined when it is valid.
 */
export function invalidStream(request: ChatRequest, provider?: string): AsyncIterable<StreamPart> | undefined {
  const problem = checkChatRequest(request);
  if (!problem) return undefined;
  const error = toInvalidRequestError(problem, provider);
  let thrown = false;
  const iterator: AsyncIterator<StreamPart> = {
    next: () => {
      if (thrown) return Promise.resolve({ done: true, value: undefined });
      thrown = true;
      return Promise.reject(error);
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
