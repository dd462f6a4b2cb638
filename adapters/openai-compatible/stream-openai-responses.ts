import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import type { CallDeadline } from '../../src/http/call-deadline.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { SseEvent } from '../../src/http/sse-parser.ts';
import { SseStream } from '../../src/http/sse-stream.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { convertToOpenAIResponsesBody } from './convert-to-openai-responses-body.ts';
import { responsesBodyOptions } from './responses-body-options.ts';
import { mapOpenAIResponsesError } from './map-openai-responses-error.ts';
import { mapOpenAIResponsesFinish } from './map-openai-responses-finish.ts';
import { responsesFilterCategories, toReasoningInputItem, toReasoningState, type OpenAIResponsesOutputItem, type OpenAIResponsesResponse } from './map-openai-responses-response.ts';
import { mapOpenAIResponsesUsage } from './map-openai-responses-usage.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';
import { deltaPart } from '../../src/http/delta-part.ts';

/** The fields of a Responses stream event that Switchyard reads (typed after the `openai` package's `ResponseStreamEvent`, all optional). */
interface OpenAIResponsesEvent {
  type?: string;
  delta?: string;
  item_id?: string;
  output_index?: number;
  summary_index?: number;
  content_index?: number;
  arguments?: string;
  item?: OpenAIResponsesOutputItem;
  response?: OpenAIResponsesResponse;
  error?: unknown;
  code?: unknown;
  message?: unknown;
}

/** A function call being streamed: its call id and name from `output_item.added`, its arguments from the deltas. */
interface PendingCall {
  callId: string;
  name: string;
  args: string;
}

/**
 * One streaming Responses call: sends the request on the first read and turns the typed events of each network read
 * into stream parts in one synchronous loop. `response.output_text.delta` (and `refusal.delta`) become `text-delta`,
 * `response.reasoning_summary_text.delta` and `response.reasoning_text.delta` (the reasoning text of open-weight
 * models) become `reasoning-delta` (summaries after the first start with a blank line, so the deltas join to
 * `result.reasoning`), function calls are assembled from `output_item.added`,
 * `function_call_arguments.delta`/`.done` and emitted whole at `output_item.done`, and encrypted reasoning items are
 * kept for the finish part's `reasoningState`. The stream ends at `response.completed` or `response.incomplete`, with
 * usage. An `error` event or `response.failed` is thrown as the typed error of the same failure answered over HTTP
 * (`insufficient_quota` is a `RateLimitError`): before any content the router fails over, after content it is a
 * `StreamInterruptedError`. A body that ends without a terminal event is a cut stream, never a quiet end.
 */
export function streamOpenAIResponses(config: OpenAICompatibleConfig, request: ChatRequest): AsyncIterable<StreamPart> {
  return new OpenAIResponsesStream(config, request);
}

class OpenAIResponsesStream extends SseStream {
  readonly #config: OpenAICompatibleConfig;
  #response: HttpResponse | undefined;
  #warnings: Warning[] = [];
  #id: string | undefined;
  #model: string | undefined;
  #calls: Map<string, PendingCall> | undefined;
  #reasoningItems: OpenAIResponsesOutputItem[] = [];
  #reasoning = '';
  /** Where the last reasoning delta belonged (`item_id:summary_index`), to separate summaries. */
  #reasoningAt: string | undefined;
  /** Tool calls emitted so far. */
  #toolCalls = 0;

  constructor(config: OpenAICompatibleConfig, request: ChatRequest) {
    super(request, config.id);
    this.#config = config;
  }

  protected createContext(deadline: CallDeadline): RequestContext {
    return { provider: this.#config.id, model: this.request.model, operation: 'responses', secrets: this.#config.secrets(), deadline };
  }

  protected open(ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    return this.#open(ctx);
  }

  protected event(event: SseEvent, ctx: RequestContext, out: StreamPart[]): boolean {
    return this.#event(event.data, ctx, out);
  }

  protected ended(): void {
    throw new ConnectionError(`${this.#config.id} ended the Responses stream before response.completed: the response is incomplete.`, { provider: this.#config.id });
  }

  async #open(ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    const config = this.#config;
    const request = this.request;
    const { body, warnings } = convertToOpenAIResponsesBody(request, responsesBodyOptions(config, config.bodyModel ? config.bodyModel(request.model) : request.model, true));
    const checked = config.checkBody?.(body, request, 'responses');
    this.#warnings = checked ? [...warnings, ...checked] : warnings;
    const response = await sendOpenAIRequest(config, 'responses', request.model, JSON.stringify(body), true, ctx, request);
    this.#response = response;
    return this.eventStreamOf(response, ctx);
  }

  /** One event: its parts onto `out`. Returns true at the terminal event (the finish part pushed). */
  #event(data: string, ctx: RequestContext, out: StreamPart[]): boolean {
    const config = this.#config;
    // Not part of the Responses protocol, but some OpenAI-compatible servers end with it: it is not a terminal event.
    if (data === '[DONE]') return false;
    let event: OpenAIResponsesEvent;
    try {
      event = JSON.parse(data) as OpenAIResponsesEvent;
    } catch (error) {
      throw new ResponseParseError(`${config.id} sent a stream event that is not JSON.`, { rawText: redactSecrets(data, ctx.secrets), provider: config.id, cause: error });
    }
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const text = event.delta;
        if (text) {
          this.delivered++;
          this.characters += text.length;
          out.push(deltaPart('text-delta', text));
        }
        return false;
      }
      case 'response.reasoning_summary_text.delta':
        if (event.delta) this.#reasoningDelta(event.delta, `${event.item_id}:${event.summary_index ?? 0}`, out);
        return false;
      case 'response.reasoning_text.delta':
        // The reasoning text itself (open-weight models such as gpt-oss): reasoning too, and a first token.
        if (event.delta) this.#reasoningDelta(event.delta, `${event.item_id}:text:${event.content_index ?? 0}`, out);
        return false;
      case 'response.output_item.added': {
        const item = event.item;
        if (item?.type === 'function_call' && item.id) (this.#calls ??= new Map()).set(item.id, { callId: item.call_id ?? item.id, name: item.name ?? '', args: item.arguments ?? '' });
        return false;
      }
      case 'response.function_call_arguments.delta': {
        const call = event.item_id ? this.#calls?.get(event.item_id) : undefined;
        if (call && event.delta) call.args += event.delta;
        return false;
      }
      case 'response.function_call_arguments.done': {
        const call = event.item_id ? this.#calls?.get(event.item_id) : undefined;
        if (call && typeof event.arguments === 'string') call.args = event.arguments;
        return false;
      }
      case 'response.output_item.done':
        this.#itemDone(event.item, out);
        return false;
      case 'response.created':
      case 'response.in_progress':
        this.#meta(event.response);
        return false;
      case 'response.completed':
      case 'response.incomplete':
        this.#complete(event.response ?? {}, out);
        return true;
      case 'response.failed':
        throw mapOpenAIResponsesError(event.response?.error, this.#errorInput(ctx));
      case 'error':
        throw mapOpenAIResponsesError(event, this.#errorInput(ctx));
      default:
        return false;
    }
  }

  /** A reasoning delta; one that starts another summary or reasoning text is set apart by a blank line. */
  #reasoningDelta(delta: string, at: string, out: StreamPart[]): void {
    const text = this.#reasoningAt !== undefined && this.#reasoningAt !== at ? `\n\n${delta}` : delta;
    this.#reasoningAt = at;
    this.#reasoning += text;
    this.delivered++;
    this.characters += text.length;
    out.push(deltaPart('reasoning-delta', text));
  }

  #errorInput(ctx: RequestContext) {
    return { headers: (this.#response as HttpResponse).headers, provider: this.#config.id, model: this.request.model, secrets: ctx.secrets ?? [] };
  }

  #meta(response: OpenAIResponsesResponse | undefined): void {
    if (!response) return;
    if (!this.#id && response.id) this.#id = response.id;
    if (response.model) this.#model = response.model;
  }

  /** A finished output item: a function call is emitted whole (the item's own fields win), a reasoning item kept. */
  #itemDone(item: OpenAIResponsesOutputItem | undefined, out: StreamPart[]): void {
    if (item?.type === 'function_call') {
      const pending = item.id ? this.#calls?.get(item.id) : undefined;
      if (item.id) this.#calls?.delete(item.id);
      const rawArguments = item.arguments ?? pending?.args ?? '';
      this.delivered++;
      this.#toolCalls++;
      out.push({ type: 'tool-call', id: item.call_id ?? pending?.callId ?? item.id ?? '', name: item.name ?? pending?.name ?? '', arguments: parseToolArguments(rawArguments), rawArguments });
    } else if (item?.type === 'reasoning' && typeof item.encrypted_content === 'string' && item.encrypted_content !== '' && typeof item.id === 'string') {
      // The encrypted content of `output_item.added` may be partial: only the finished item is kept.
      this.#reasoningItems.push(toReasoningInputItem(item));
    }
  }

  /** At `response.completed` / `response.incomplete`: calls never finished by `output_item.done`, then the `finish` part. */
  #complete(response: OpenAIResponsesResponse, out: StreamPart[]): void {
    const config = this.#config;
    this.#meta(response);
    if (this.#calls) {
      for (const call of this.#calls.values()) {
        this.delivered++;
        this.#toolCalls++;
        out.push({ type: 'tool-call', id: call.callId, name: call.name, arguments: parseToolArguments(call.args), rawArguments: call.args });
      }
      this.#calls.clear();
    }
    const { finishReason, rawFinishReason } = mapOpenAIResponsesFinish(response.status ?? 'completed', response.incomplete_details?.reason, this.#hadToolCalls(response));
    const headers = (this.#response as HttpResponse).headers;
    const warnings = this.#warnings;
    if (!response.usage) warnings.push({ type: 'other', setting: 'usage', message: `${config.id} sent no usage in ${response.status === 'incomplete' ? 'response.incomplete' : 'response.completed'}; token counts are 0.` });
    const finish: Extract<StreamPart, { type: 'finish' }> = {
      type: 'finish',
      finishReason,
      rawFinishReason,
      usage: mapOpenAIResponsesUsage(response.usage),
      model: this.#model || (config.fallbackModel ? config.fallbackModel(this.request.model) : this.request.model),
      requestId: readRequestId(headers) ?? this.#id,
      warnings,
      provider: config.id,
    };
    const state = toReasoningState(this.#reasoningItems, this.#reasoning || undefined, config.id);
    if (state) finish.reasoningState = state;
    const rateLimit = readRateLimitHeaders(headers);
    if (rateLimit) finish.rateLimit = rateLimit;
    if (finishReason === 'content-filter') finish.contentFilter = { categories: responsesFilterCategories(response.content_filters), raw: response.content_filters };
    const capacity = config.capacity?.(headers, response.service_tier ?? undefined, this.request);
    if (capacity) finish.capacity = capacity;
    out.push(finish);
  }

  /** Whether the turn made function calls: some were emitted in this stream, or the final response lists some. */
  #hadToolCalls(response: OpenAIResponsesResponse): boolean {
    return this.#toolCalls > 0 || (Array.isArray(response.output) && response.output.some((item) => item?.type === 'function_call'));
  }
}
