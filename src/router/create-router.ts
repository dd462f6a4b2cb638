import { createCallScope, type CallState, type RouterDeps } from '../resilience/call-state.ts';
import { runCallAttempt } from '../resilience/run-call-attempt.ts';
import { runFailover } from '../resilience/run-failover.ts';
import { openStreamAttempt } from '../resilience/open-stream-attempt.ts';
import type { StreamAttempt } from '../resilience/stream-attempt.ts';
import type { TargetOp } from '../resilience/target-op.ts';
import { withRetry } from '../resilience/with-retry.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ChatResult } from '../types/chat-result.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { EmbedResult } from '../types/embed-result.ts';
import type { Provider } from '../types/provider.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { RouteTable } from './route-table.ts';
import { selectCandidates } from './select-candidates.ts';

const retrySettings = (call: CallState) => call.route.retry;
const chatOp = withRetry<ChatResult>(runCallAttempt, retrySettings);
const embedOp = withRetry<EmbedResult>(runCallAttempt, retrySettings);
const streamOp = withRetry<StreamAttempt>(openStreamAttempt, retrySettings);
const discardStream = (stream: StreamAttempt) => stream.cancel('Lost the hedge: another target answered first.');
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** A stream routed across targets: opened on the first `next()`, then read straight from the winning attempt. */
class RoutedStream implements AsyncIterator<StreamPart> {
  readonly #table: RouteTable;
  readonly #request: ChatRequest;
  readonly #deps: RouterDeps;
  #attempt: StreamAttempt | undefined;
  #over = false;

  constructor(table: RouteTable, request: ChatRequest, deps: RouterDeps) {
    this.#table = table;
    this.#request = request;
    this.#deps = deps;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.#attempt) return this.#attempt.next();
    if (this.#over) return Promise.resolve(DONE);
    return this.#open().then((attempt) => attempt.next());
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.#over = true;
    return this.#attempt ? this.#attempt.return() : Promise.resolve(DONE);
  }

  async #open(): Promise<StreamAttempt> {
    this.#over = true;
    const route = this.#table.resolve(this.#request.model);
    const { call, dispose } = createCallScope(route, 'stream', this.#request, this.#deps);
    try {
      const { value } = await runFailover(call, selectCandidates(call), streamOp, discardStream);
      value.onClose = dispose;
      this.#attempt = value;
      return value;
    } catch (error) {
      dispose();
      throw error;
    }
  }
}

/**
 * The router as a `Provider`: `model` is an alias from the config or `providerId:model`. Each call picks its
 * candidates (policy and capability filters, the alias's strategy), then serves it with retries, failover,
 * circuit breakers, deadlines and hedging. Results carry `provider`, `model` (served), `attempts` and,
 * with metering, `cost`.
 */
export function createRouter(table: RouteTable, deps: RouterDeps): Provider {
  async function serve<T extends ChatResult | EmbedResult>(operation: 'chat' | 'embed', request: ChatRequest | EmbedRequest, op: TargetOp<T>): Promise<T> {
    const route = table.resolve(request.model);
    const { call, dispose } = createCallScope(route, operation, request, deps);
    try {
      const { value } = await runFailover(call, selectCandidates(call), op);
      value.attempts = call.attempts;
      return value;
    } finally {
      dispose();
    }
  }

  return {
    id: 'switchyard',
    type: 'router',
    capabilities: {},
    chat: (request: ChatRequest) => serve<ChatResult>('chat', request, chatOp),
    embed: (request: EmbedRequest) => serve<EmbedResult>('embed', request, embedOp),
    stream: (request: ChatRequest): AsyncIterable<StreamPart> => ({ [Symbol.asyncIterator]: () => new RoutedStream(table, request, deps) }),
  };
}
