import { InvalidRequestError } from '../errors/invalid-request-error.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { StreamPart } from '../types/stream-part.ts';
import { checkChatRequest } from './check-chat-request.ts';
import { checkEmbedRequest } from './check-embed-request.ts';
import type { RequestProblem } from './request-problem.ts';

/**
 * Marks a request built by the router from one it has validated (each attempt's, `attemptRequest`): valid by
 * construction (the caller's fields, the config's target settings), so the adapter that receives it does not check it
 * a second time on the request path. The mark is the request itself (`request[CHECKED_REQUEST] === request`): a copy
 * made from it (`{ ...request, messages }`, as a wrapping provider makes) points at the original, not at itself, and
 * is checked again. A property lookup costs nothing next to a check; no one outside Switchyard has the symbol.
 */
export const CHECKED_REQUEST: unique symbol = Symbol('switchyard.checkedRequest');

type MaybeChecked = { [CHECKED_REQUEST]?: object } | null | undefined;

/** Whether the router built this very request from one it validated (see `CHECKED_REQUEST`). */
const isChecked = (request: unknown): boolean => request !== null && typeof request === 'object' && (request as MaybeChecked)?.[CHECKED_REQUEST] === request;

/** The `InvalidRequestError` for a problem: local (nothing was sent), status 400, the field named first. */
export function toInvalidRequestError(problem: RequestProblem, provider: string | undefined): InvalidRequestError {
  return new InvalidRequestError(`${problem.field}: ${problem.message}`, { status: 400, retryable: false, local: true, field: problem.field, ...(provider === undefined ? {} : { provider }) });
}

/** Throws `InvalidRequestError` (local) when a chat request breaks the contract; see `checkChatRequest`. */
export function validateChatRequest(request: ChatRequest, provider?: string): void {
  if (isChecked(request)) return;
  const problem = checkChatRequest(request);
  if (problem) throw toInvalidRequestError(problem, provider);
}

/** Throws `InvalidRequestError` (local) when an embedding request breaks the contract; see `checkEmbedRequest`. */
export function validateEmbedRequest(request: EmbedRequest, provider?: string): void {
  if (isChecked(request)) return;
  const problem = checkEmbedRequest(request);
  if (problem) throw toInvalidRequestError(problem, provider);
}

/**
 * `stream(request)` for a request that breaks the contract: a stream whose first read throws the
 * `InvalidRequestError` (as every error before the first part is thrown), or undefined when it is valid.
 */
export function invalidStream(request: ChatRequest, provider?: string): AsyncIterable<StreamPart> | undefined {
  if (isChecked(request)) return undefined;
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
