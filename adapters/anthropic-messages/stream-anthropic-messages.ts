import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import type { CallDeadline } from '../../src/http/call-deadline.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import type { SseEvent } from '../../src/http/sse-parser.ts';
import { SseStream } from '../../src/http/sse-stream.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { anthropicErrorStatus } from './anthropic-error-status.ts';
import type { AnthropicMessagesConfig, AnthropicRequestContext } from './anthropic-messages-config.ts';
import { toAnthropicReasoningState, type AnthropicThinkingBlock } from './anthropic-reasoning-state.ts';
import type { AnthropicMessage, AnthropicStreamEvent, AnthropicUsage } from './anthropic-wire-types.ts';
import { anthropicRequestOptions } from './chat-anthropic-messages.ts';
import { convertToAnthropicRequest, type AnthropicResponseTool } from './convert-to-anthropic-request.ts';
import { mapAnthropicResponse, responseToolText } from './map-anthropic-response.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage } from './map-anthropic-usage.ts';
import { deltaPart } from '../../src/http/delta-part.ts';

/** A content block being streamed. */
interface OpenBlock {
  type: string;
  id?: string;
  name?: string;
  /** `tool_use`: the input JSON so far. */
  json: string;
  thinking: string;
  signature: string;
  data?: string;
}

function parseArguments(raw: string): unknown {
  if (raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * One streaming Messages call. Events become parts as they arrive, each network read in one synchronous loop:
 * `text_delta` → `text-delta`; `thinking_delta` → `reasoning-delta` (the block and its `signature_delta` are kept for
 * the reasoning state); `input_json_delta` is joined per block and the `tool_use` becomes one `tool-call` part at its
 * `content_block_stop` (the structured-output tool's input streams as `text-delta` instead). Usage: input counts from
 * `message_start`, `output_tokens` from the last `message_delta` (both cumulative), then `message_stop` ends the stream
 * with the `finish` part; `ping` and unknown events are skipped (Vertex's `vertex_event` appears in other clients' stream
 * parsers; not confirmed from a primary source).
 *
 * No `finish` part without `message_stop`: a stream that closes before it throws `ConnectionError`, an `error` event
 * (an `overloaded_error` mid-stream) throws its typed error (`overloaded_error` → `ProviderUnavailableError`); while
 * nothing was delivered the router fails over on them, after content they become `StreamInterruptedError`.
 */
export function streamAnthropicMessages(config: AnthropicMessagesConfig, request: ChatRequest): AsyncIterable<StreamPart> {
  return new AnthropicMessagesStream(config, request);
}

class AnthropicMessagesStream extends SseStream<AnthropicRequestContext> {
  readonly #config: AnthropicMessagesConfig;
  #response: HttpResponse | undefined;
  #warnings: Warning[] = [];
  #responseTool: AnthropicResponseTool | undefined;
  #id: string | undefined;
  #model: string | undefined;
  #startUsage: AnthropicUsage | undefined;
  #deltaUsage: AnthropicUsage | undefined;
  #stopReason: string | null = null;
  #stopDetails: AnthropicMessage['stop_details'];
  readonly #blocks: Array<OpenBlock | undefined> = [];
  readonly #thinking: AnthropicThinkingBlock[] = [];
  #calls = 0;
  #answered = false;

  constructor(config: AnthropicMessagesConfig, request: ChatRequest) {
    super(request, config.id);
    this.#config = config;
  }

  protected createContext(deadline: CallDeadline): AnthropicRequestContext {
    return { provider: this.#config.id, model: this.request.model, operation: 'messages', secrets: [], deadline };
  }

  /** A streaming request answered with one JSON body (a proxy that dropped `stream`, or an error) is handled whole. */
  protected async open(ctx: AnthropicRequestContext, out: StreamPart[]): Promise<AsyncIterable<Uint8Array> | false> {
    const response = await this.#open(ctx);
    if ((response.headers['content-type'] ?? '').includes('text/event-stream')) return response.body;
    return this.#whole(await readBodyText(response, ctx), ctx, out);
  }

  protected event(event: SseEvent, ctx: AnthropicRequestContext, out: StreamPart[]): boolean {
    return this.#event(event.event, event.data, ctx, out);
  }

  protected ended(): void {
    throw new ConnectionError(`${this.#config.id} closed the stream before message_stop: the response is incomplete.`, { provider: this.#config.id });
  }

  async #open(ctx: AnthropicRequestContext): Promise<HttpResponse> {
    const config = this.#config;
    const { body, warnings, responseTool } = convertToAnthropicRequest(this.request, anthropicRequestOptions(config, this.request.model, true));
    this.#warnings = warnings;
    this.#responseTool = responseTool;
    const response = await config.send(this.request.model, JSON.stringify(body), true, ctx, this.request);
    this.#response = response;
    return response;
  }

  /** A streaming request answered with one JSON body (a proxy that dropped `stream`, or an error): its parts, or its error. */
  #whole(text: string, ctx: AnthropicRequestContext, out: StreamPart[]): false {
    this.data = text;
    const config = this.#config;
    const response = this.#response as HttpResponse;
    let json: AnthropicMessage & { error?: { type?: string } };
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ResponseParseError(`${config.id} answered a streaming request with a body that is neither an event stream nor JSON.`, { rawText: redactSecrets(text, ctx.secrets), provider: config.id, cause: error });
    }
    if (json?.type === 'error' || json?.error) throw mapHttpError({ status: anthropicErrorStatus(json.error?.type), headers: response.headers, body: text, provider: config.id, model: this.request.model, secrets: ctx.secrets });
    const context: Parameters<typeof mapAnthropicResponse>[1] = { model: this.request.model, provider: config.id, warnings: this.#warnings };
    const requestId = readRequestId(response.headers);
    if (requestId) context.requestId = requestId;
    if (this.#responseTool) context.responseTool = this.#responseTool;
    const { text: answer, toolCalls, reasoning, reasoningState, ...metadata } = mapAnthropicResponse(json, context);
    if (reasoning) out.push(deltaPart('reasoning-delta', reasoning));
    if (answer) out.push(deltaPart('text-delta', answer));
    for (const call of toolCalls) out.push({ type: 'tool-call', ...call });
    out.push(reasoningState ? { type: 'finish', ...metadata, reasoningState } : { type: 'finish', ...metadata });
    return false;
  }

  /** One event. Returns true at `message_stop`, after pushing the `finish` part. */
  #event(name: string | undefined, data: string, ctx: AnthropicRequestContext, out: StreamPart[]): boolean {
    const config = this.#config;
    let event: AnthropicStreamEvent;
    try {
      event = JSON.parse(data) as AnthropicStreamEvent;
    } catch (error) {
      throw new ResponseParseError(`${config.id} sent a stream event that is not JSON.`, { rawText: redactSecrets(data, ctx.secrets), provider: config.id, cause: error });
    }
    switch (name ?? event.type) {
      case 'message_start': {
        const message = event.message;
        if (message?.id) this.#id = message.id;
        if (message?.model) this.#model = message.model;
        if (message?.usage) this.#startUsage = message.usage;
        break;
      }
      case 'content_block_start':
        this.#startBlock(event, out);
        break;
      case 'content_block_delta':
        this.#delta(event, out);
        break;
      case 'content_block_stop':
        this.#stopBlock(event, out);
        break;
      case 'message_delta':
        if (event.delta?.stop_reason !== undefined) this.#stopReason = event.delta.stop_reason;
        if (event.delta?.stop_details !== undefined) this.#stopDetails = event.delta.stop_details;
        if (event.usage) this.#deltaUsage = event.usage;
        break;
      case 'message_stop':
        this.#complete(out);
        return true;
      case 'error':
        throw mapHttpError({ status: anthropicErrorStatus(event.error?.type), headers: (this.#response as HttpResponse).headers, body: data, provider: config.id, model: this.request.model, secrets: ctx.secrets });
      default:
        // An error without Anthropic's event name (a gateway's, or Google's `{ error: { code, status } }`): typed by its code.
        if (event.error) throw mapHttpError({ status: event.error.type ? anthropicErrorStatus(event.error.type) : 200, headers: (this.#response as HttpResponse).headers, body: data, provider: config.id, model: this.request.model, secrets: ctx.secrets });
        // `ping`, Vertex's `vertex_event`, and event types added later.
        break;
    }
    return false;
  }

  #text(text: string, out: StreamPart[]): void {
    this.delivered++;
    this.characters += text.length;
    out.push(deltaPart('text-delta', text));
  }

  #startBlock(event: AnthropicStreamEvent, out: StreamPart[]): void {
    const start = event.content_block;
    if (!start || event.index === undefined) return;
    const block: OpenBlock = { type: start.type, json: '', thinking: '', signature: start.signature ?? '' };
    if (start.id !== undefined) block.id = start.id;
    if (start.name !== undefined) block.name = start.name;
    if (start.data !== undefined) block.data = start.data;
    this.#blocks[event.index] = block;
    if (start.type === 'text' && start.text) this.#text(start.text, out);
    if (start.type === 'thinking' && start.thinking) this.#thinkingDelta(block, start.thinking, out);
  }

  #thinkingDelta(block: OpenBlock, text: string, out: StreamPart[]): void {
    block.thinking += text;
    this.delivered++;
    out.push(deltaPart('reasoning-delta', text));
  }

  #isResponseTool(block: OpenBlock): boolean {
    return this.#responseTool !== undefined && block.type === 'tool_use' && block.name === this.#responseTool.name;
  }

  #delta(event: AnthropicStreamEvent, out: StreamPart[]): void {
    const delta = event.delta;
    const block = event.index === undefined ? undefined : this.#blocks[event.index];
    if (!delta || !block) return;
    switch (delta.type) {
      case 'text_delta':
        if (delta.text) this.#text(delta.text, out);
        break;
      case 'thinking_delta':
        if (delta.thinking) this.#thinkingDelta(block, delta.thinking, out);
        break;
      case 'signature_delta':
        if (delta.signature) block.signature = delta.signature;
        break;
      case 'input_json_delta':
        if (!delta.partial_json) break;
        block.json += delta.partial_json;
        // The structured-output tool's input is the answer: it streams as text (whole at the end when wrapped).
        if (this.#isResponseTool(block) && !this.#responseTool?.wrapped) this.#text(delta.partial_json, out);
        break;
      default:
        break;
    }
  }

  #stopBlock(event: AnthropicStreamEvent, out: StreamPart[]): void {
    const block = event.index === undefined ? undefined : this.#blocks[event.index];
    if (!block) return;
    if (block.type === 'thinking') this.#thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking' && block.data !== undefined) this.#thinking.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      if (this.#isResponseTool(block)) {
        this.#answered = true;
        const tool = this.#responseTool as AnthropicResponseTool;
        if (tool.wrapped) this.#text(responseToolText(parseArguments(block.json), tool), out);
        else if (block.json === '') this.#text('{}', out);
        return;
      }
      this.#calls++;
      this.delivered++;
      out.push({ type: 'tool-call', id: block.id ?? `toolu_${this.#calls}`, name: block.name ?? '', arguments: parseArguments(block.json), rawArguments: block.json || '{}' });
    }
  }

  /** At `message_stop`: the `finish` part. */
  #complete(out: StreamPart[]): void {
    const config = this.#config;
    const start = this.#startUsage;
    const delta = this.#deltaUsage;
    if (!start) this.#warnings.push({ type: 'other', setting: 'usage', message: `${config.id} sent no message_start usage; input token counts are 0.` });
    // Input from message_start, output from the last message_delta (cumulative), as Anthropic documents them.
    const raw: AnthropicUsage | undefined = start || delta ? { ...start, output_tokens: delta?.output_tokens ?? start?.output_tokens ?? 0 } : undefined;
    if (raw && delta?.output_tokens_details) raw.output_tokens_details = delta.output_tokens_details;
    const rawFinishReason = this.#stopReason;
    const finishReason = this.#answered && this.#calls === 0 && rawFinishReason === 'tool_use' ? 'stop' : mapAnthropicStopReason(rawFinishReason);
    const finish: Extract<StreamPart, { type: 'finish' }> = {
      type: 'finish',
      finishReason,
      rawFinishReason,
      usage: mapAnthropicUsage(raw),
      model: this.#model || this.request.model,
      requestId: readRequestId((this.#response as HttpResponse).headers) ?? this.#id,
      warnings: this.#warnings,
      provider: config.id,
    };
    const state = toAnthropicReasoningState(config.id, this.#thinking);
    if (state) finish.reasoningState = state;
    if (finishReason === 'content-filter') finish.contentFilter = { categories: [this.#stopDetails?.category ?? 'refusal'], raw: this.#stopDetails ?? undefined };
    out.push(finish);
  }
}
