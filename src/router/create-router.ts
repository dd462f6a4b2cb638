import { AbortError } from '../errors/abort-error.ts';
import { READ_PARTS, type PartBatchSource } from '../http/read-parts.ts';
import type { CallAbort } from '../resilience/call-abort.ts';
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
import type { RoutedChatResult, RoutedEmbedResult, RoutedStreamPart } from '../types/routed-result.ts';
import type { ServedTarget } from '../types/served-target.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { RouteTable } from './route-table.ts';
import { validateChatRequest, validateEmbedRequest } from '../validation/validate-request.ts';
import { selectCandidates } from './select-candidates.ts';

const retrySettings = (call: CallState) => call.route.retry;
const chatOp = withRetry<ChatResult>(runCallAttempt, retrySettings);
const embedOp = withRetry<EmbedResult>(runCallAttempt, retrySettings);
const streamOp = withRetry<StreamAttempt>(openStreamAttempt, retrySettings);
const discardStream = (stream: StreamAttempt) => stream.cancel('Lost the hedge: another target answered first.');
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const readNext = (attempt: StreamAttempt) => attempt.next();
const readBatch = (attempt: StreamAttempt) => attempt[READ_PARTS]();
const NO_BATCH = () => undefined;

/**
 * A stream routed across targets: opened on the first `next()`, then read straight from the winning attempt.
 * Reads made while it opens wait for it (never a `done` before the first part), and `return()` while it opens
 * cancels the attempt that opens, so that nothing is left streaming unread.
 */
class RoutedStream implements AsyncIterator<StreamPart>, PartBatchSource {
  readonly #table: RouteTable;
  readonly #request: ChatRequest;
  readonly #deps: RouterDeps;
  #attempt: StreamAttempt | undefined;
  #opening: Promise<StreamAttempt> | undefined;
  #controller: CallAbort | undefined;
  #over = false;
  #returned = false;

  constructor(table: RouteTable, request: ChatRequest, deps: RouterDeps) {
    this.#table = table;
    this.#request = request;
    this.#deps = deps;
  }

  /** The target serving the stream once it has opened (`ServedTarget`); undefined before, and when it failed to open. */
  get served(): ServedTarget | undefined {
    return this.#attempt?.served;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.#attempt) return this.#attempt.next();
    // A read made while the stream opens: the first read reports an opening failure, later ones just end.
    if (this.#opening) return this.#opening.then(readNext, () => DONE);
    if (this.#over) return Promise.resolve(DONE);
    this.#over = true;
    this.#opening = this.#open();
    return this.#opening.then(readNext, this.#openFailed);
  }

  /** The batch read of the winning attempt, for the layers above (telemetry, the gateway). */
  [READ_PARTS](): Promise<StreamPart[] | undefined> {
    if (this.#attempt) return this.#attempt[READ_PARTS]();
    if (this.#opening) return this.#opening.then(readBatch, NO_BATCH);
    if (this.#over) return Promise.resolve(undefined);
    this.#over = true;
    this.#opening = this.#open();
    return this.#opening.then(readBatch, this.#openFailedBatch);
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.#over = true;
    if (this.#attempt) return this.#attempt.return();
    if (!this.#opening) return Promise.resolve(DONE);
    // Stop the attempts in flight at once rather than wait for a first token nobody will read; a read still
    // waiting for the stream to open then ends quietly.
    this.#returned = true;
    this.#controller?.abort(new AbortError('The caller stopped reading the stream.'));
    return this.#opening.then((attempt) => attempt.return(), () => DONE);
  }

  readonly #openFailed = (error: unknown): IteratorResult<StreamPart> => {
    if (this.#returned) return DONE;
    throw error;
  };

  readonly #openFailedBatch = (error: unknown): undefined => {
    if (this.#returned) return undefined;
    throw error;
  };

  async #open(): Promise<StreamAttempt> {
    validateChatRequest(this.#request);
    const route = this.#table.resolve(this.#request.model);
    const { call, dispose, controller } = createCallScope(route, 'stream', this.#request, this.#deps);
    this.#controller = controller;
    try {
      const value = await runFailover(call, selectCandidates(call), streamOp, discardStream);
      value.whenOver(dispose);
      this.#attempt = value;
      return value;
    } catch (error) {
      dispose();
      throw error;
    }
  }
}

/** The router: a `Provider` whose results always say who served them and every attempt made. */
export interface RoutedProvider extends Provider {
  chat(request: ChatRequest): Promise<RoutedChatResult>;
  stream(request: ChatRequest): AsyncIterable<RoutedStreamPart>;
  embed(request: EmbedRequest): Promise<RoutedEmbedResult>;
}

/**
 * The router as a `Provider`: `model` is an alias from the config or `providerId:model`. Each call picks its
 * candidates (policy and capability filters, the alias's strategy), then serves it with retries, failover,
 * circuit breakers, deadlines and hedging. Results carry `provider`, `model` (served), `attempts` and,
 * with metering, `cost`.
 */
export function createRouter(table: RouteTable, deps: RouterDeps): RoutedProvider {
  async function serve<T extends ChatResult | EmbedResult>(operation: 'chat' | 'embed', request: ChatRequest | EmbedRequest, op: TargetOp<T>): Promise<T> {
    // A request that breaks the contract is rejected here, before routing: no target is tried, nothing is sent.
    if (operation === 'chat') validateChatRequest(request as ChatRequest);
    else validateEmbedRequest(request as EmbedRequest);
    const route = table.resolve(request.model);
    const { call, dispose } = createCallScope(route, operation, request, deps);
    try {
      const value = await runFailover(call, selectCandidates(call), op);
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
    // `runFailover` resolves with a served result: `provider` is set by the attempt, `attempts` just above.
    chat: (request: ChatRequest) => serve<ChatResult>('chat', request, chatOp) as Promise<RoutedChatResult>,
    embed: (request: EmbedRequest) => serve<EmbedResult>('embed', request, embedOp) as Promise<RoutedEmbedResult>,
    // The winning attempt's `finish` part gets `provider` and `attempts` (StreamAttempt).
    stream: (request: ChatRequest) => ({ [Symbol.asyncIterator]: () => new RoutedStream(table, request, deps) }) as AsyncIterable<RoutedStreamPart>,
  };
}
