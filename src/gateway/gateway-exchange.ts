import type { IncomingMessage, ServerResponse } from 'node:http';
import { closestMatch } from '../config/closest-match.ts';
import type { Switchyard } from '../switchyard.ts';
import type { Attempt } from '../types/attempt.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { RoutedChatResult } from '../types/routed-result.ts';
import type { Cost } from '../types/cost.ts';
import { formatCostUsd } from './format-cost-usd.ts';
import type { GatewayMetrics } from './create-gateway-metrics.ts';
import type { GatewayLogEntry } from './gateway-options.ts';
import { GatewayRequestError } from './gateway-request-error.ts';
import type { GatewayKey } from './keyring.ts';
import { toOpenAIError, type OpenAIErrorContext } from './to-openai-error.ts';
import type { Drainable } from './request-tracker.ts';
import type { ResponseIds } from './response-ids.ts';

/** What every request of one gateway shares. */
export interface GatewayCore {
  readonly switchyard: Switchyard;
  readonly metrics: GatewayMetrics;
  readonly ids: ResponseIds;
  readonly now: () => number;
  readonly log: ((entry: GatewayLogEntry) => void) | undefined;
  /** The period of each budget by name, for `retry-after` on a spent budget. */
  readonly budgetPeriods: ReadonlyMap<string, 'day' | 'month'>;
  /** The configured aliases. */
  readonly aliases: readonly string[];
  /** The configured provider ids. */
  readonly providers: ReadonlySet<string>;
  /** Headers sent on every answer (CORS), as a flat list. */
  corsHeaders(req: IncomingMessage): string[] | undefined;
  /** True once the gateway drains. */
  readonly draining: boolean;
  /** Why the gateway should not get traffic (`draining`), or undefined when it is ready. */
  notReady(): string | undefined;
  /** API requests in flight. */
  inFlight(): number;
}

const EMPTY: readonly string[] = [];

/** The number of attempts that reached a provider (skipped targets are not attempts). */
function attemptCount(attempts: readonly Attempt[] | undefined): number {
  let n = 0;
  if (attempts) for (const a of attempts) if (a.outcome !== 'skipped') n++;
  return n;
}

/**
 * One request and its answer: what the routes read (body, key, the signal that fires when the client goes away)
 * and how they answer (JSON with Switchyard's headers, or an error in OpenAI's shape). Answers exactly once.
 */
export class GatewayExchange implements Drainable {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly core: GatewayCore;
  /** The route's path (`/v1/chat/completions`), for metrics and logs. */
  readonly route: string;
  /** The gateway's id of the request, sent back as `x-request-id`. */
  readonly requestId: string;
  /** The key that authenticated the request (undefined when the gateway has no keys). */
  key: GatewayKey | undefined;
  /** The parsed JSON body, for routes that read one. */
  body: unknown;
  /** What follows the route's path (`/v1/models/{id}`), decoded. */
  param = '';
  /** Aborts the work of the request: the client went away, or the drain ran out of time. */
  readonly controller = new AbortController();
  /** True once the request counts as in flight (an API request past its checks). */
  tracked = false;
  /** True once the client closed the connection before the answer ended. */
  clientGone = false;
  /** The error the drain aborted the request with, when it ran out of time. */
  drainError: Error | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, core: GatewayCore, route: string) {
    this.req = req;
    this.res = res;
    this.core = core;
    this.route = route;
    this.requestId = core.ids.next('req');
  }

  /** The metering tags of the request: the key's. */
  get tags(): Record<string, string> | undefined {
    return this.key?.tags;
  }

  /** The headers every answer carries: the request id, CORS, and `connection: close` while draining. */
  baseHeaders(): string[] {
    const headers = ['x-request-id', this.requestId];
    const cors = this.core.corsHeaders(this.req);
    if (cors) headers.push(...cors);
    if (this.core.draining) headers.push('connection', 'close');
    return headers;
  }

  /** Switchyard's headers for a served call: provider, attempts, cost, the provider's request id. */
  switchyardHeaders(meta: { provider?: string; attempts?: Attempt[]; cost?: Cost | null; requestId?: string }): readonly string[] {
    if (meta.provider === undefined) return EMPTY;
    const headers = ['x-switchyard-provider', meta.provider, 'x-switchyard-attempts', String(attemptCount(meta.attempts))];
    if (meta.cost !== undefined) headers.push('x-switchyard-cost-usd', formatCostUsd(meta.cost));
    if (meta.requestId !== undefined) headers.push('x-switchyard-upstream-request-id', meta.requestId);
    return headers;
  }

  /** Answers with a JSON body (already serialised). */
  json(status: number, json: string, extra: readonly string[] = EMPTY): void {
    const res = this.res;
    if (res.headersSent || res.destroyed) return;
    const headers = this.baseHeaders();
    headers.push('content-type', 'application/json', 'content-length', String(Buffer.byteLength(json)));
    for (const h of extra) headers.push(h);
    res.writeHead(status, headers);
    res.end(json);
  }

  /** Stops the request for the drain: its work is aborted, and it answers with `reason` where it still can. */
  stop(reason: Error): void {
    this.drainError = reason;
    this.controller.abort(reason);
  }

  /** Checks that the request's model exists and that the key may use it: 404 (with the closest alias) or 403. */
  authorizeModel(model: string): void {
    const aliases = this.key?.aliases;
    if (!this.modelExists(model)) {
      const visible = aliases ? [...aliases] : this.core.aliases;
      const guess = closestMatch(model, visible);
      throw new GatewayRequestError(404, `The model "${model}" does not exist: it is neither an alias nor providerId:model for a configured provider.${guess ? ` Did you mean "${guess}"?` : ''} GET /v1/models lists the models you can use.`, { code: 'model_not_found', param: 'model' });
    }
    if (aliases && !aliases.has(model)) throw new GatewayRequestError(403, `The key "${this.key?.name}" may not use the model "${model}"; it may use ${[...aliases].join(', ')}.`, { type: 'invalid_request_error', code: 'model_not_allowed', param: 'model' });
  }

  /**
   * Makes a mapped request this exchange's: the key must be allowed its model (404, 403), the client's disconnect or
   * the drain aborts it, and the key's tags become its metering tags.
   */
  adopt<R extends { model: string; signal?: AbortSignal | undefined; tags?: Record<string, string> | undefined }>(request: R): R {
    this.authorizeModel(request.model);
    request.signal = this.controller.signal;
    const tags = this.tags;
    if (tags) request.tags = tags;
    return request;
  }

  /** A non-streaming chat through the router; the headroom the provider reported goes to the metrics. */
  async routedChat(request: ChatRequest): Promise<RoutedChatResult> {
    const result = await this.core.switchyard.chat(request);
    if (result.rateLimit && result.provider) this.core.metrics.rateLimit(result.provider, result.attempts[result.attempts.length - 1]?.model ?? result.model, result.rateLimit);
    return result;
  }

  /** True for an alias, or `providerId:model` of a configured provider. */
  modelExists(model: string): boolean {
    if (this.core.aliases.includes(model)) return true;
    const colon = model.indexOf(':');
    return colon > 0 && colon < model.length - 1 && this.core.providers.has(model.slice(0, colon));
  }

  /** The OpenAI-shaped answer to `error`, as the error mapping decides; 5xx are logged. */
  errorAnswer(error: unknown) {
    const context: OpenAIErrorContext = { budgetPeriods: this.core.budgetPeriods, now: this.core.now() };
    const mapped = toOpenAIError(error, context);
    if (mapped.status >= 500) this.#logError(mapped.status, mapped.switchyardCode, error);
    return mapped;
  }

  /** Answers with `error` in OpenAI's shape (a no-op once the answer has started, or the client is gone). */
  fail(error: unknown): void {
    if (this.res.headersSent || this.res.destroyed || this.clientGone) return;
    const mapped = this.errorAnswer(this.drainError ?? error);
    const extra: string[] = [];
    for (const [name, value] of Object.entries(mapped.headers)) extra.push(name, value);
    const attempts = (error as { attempts?: Attempt[] } | null)?.attempts;
    if (Array.isArray(attempts)) extra.push('x-switchyard-attempts', String(attemptCount(attempts)));
    this.json(mapped.status, JSON.stringify({ error: mapped.error }), extra);
  }

  #logError(status: number, code: string | undefined, error: unknown): void {
    const log = this.core.log;
    if (!log) return;
    const message = code === undefined ? `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` : error instanceof Error ? error.message : String(error);
    log({ level: 'error', message, requestId: this.requestId, route: this.route, status, ...(code !== undefined ? { code } : {}), ...(this.key ? { key: this.key.name } : {}) });
  }
}
