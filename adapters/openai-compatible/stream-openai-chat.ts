import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import { firedFilterCategories } from '../../src/http/fired-filter-categories.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import type { CallDeadline } from '../../src/http/call-deadline.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { SseEvent } from '../../src/http/sse-parser.ts';
import { SseStream } from '../../src/http/sse-stream.ts';
import { TextDeltaTemplate } from '../../src/http/text-delta-template.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { chatBodyOptions } from './chat-body-options.ts';
import { convertToOpenAIChatBody } from './convert-to-openai-chat-body.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { readReasoningText } from './read-reasoning-text.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';
import { warnIgnoredSettings } from './warn-ignored-settings.ts';
import type { ChatCompletionChunk as Chunk } from 'openai/resources/chat/completions';
import { deltaPart } from '../../src/http/delta-part.ts';

type ChunkChoice = Chunk['choices'][number];

/** Where a chunk's text is, for the template's probe. */
const readContent = (chunk: unknown): unknown => (chunk as OpenAIChunk | null)?.choices?.[0]?.delta?.content;

/** The fields of a stream chunk that Switchyard reads, typed after the `openai` package's `ChatCompletionChunk`, all optional. */
interface OpenAIChunk {
  id?: Chunk['id'];
  model?: Chunk['model'];
  /** vLLM and Azure send an error object inside a 200 stream. */
  error?: unknown;
  usage?: OpenAIUsage | null;
  service_tier?: string | null;
  choices?: Array<{
    delta?: Partial<Pick<ChunkChoice['delta'], 'content'>> & {
      tool_calls?: Array<Partial<NonNullable<ChunkChoice['delta']['tool_calls']>[number]>>;
      /** vLLM (and NIM on vLLM) since the rename: a piece of the reasoning text. */
      reasoning?: string | null;
      /** llama.cpp, older vLLM, SGLang: a piece of the reasoning text. */
      reasoning_content?: string | null;
    };
    finish_reason?: ChunkChoice['finish_reason'] | (string & {}) | null;
    content_filter_results?: unknown;
  }>;
}

/**
 * One streaming Chat Completions call: sends the request on the first read and turns the SSE events of each network
 * read into stream parts in one synchronous loop. Tool-call deltas are joined per index (several calls may interleave)
 * and emitted whole before `finish`; the reasoning text of open-model servers (`reasoning`, `reasoning_content`)
 * becomes `reasoning-delta` parts. The stream must end with `[DONE]`: a stream cut off before it throws
 * (`StreamInterruptedError` once content was delivered), and an error object inside a 200 stream (vLLM, Azure) is
 * thrown as a typed error.
 */
export function streamOpenAIChat(config: OpenAICompatibleConfig, request: ChatRequest): AsyncIterable<StreamPart> {
  return new OpenAIChatStream(config, request);
}

class OpenAIChatStream extends SseStream {
  readonly #config: OpenAICompatibleConfig;
  readonly #streamUsage: boolean;
  #response: HttpResponse | undefined;
  #warnings: Warning[] = [];
  #id: string | undefined;
  #model: string | undefined;
  #usage: OpenAIUsage | null | undefined;
  #finishRaw: string | null = null;
  /** The `service_tier` the stream reported (the last one seen). */
  #serviceTier: string | undefined;
  #filterResults: unknown;
  #calls: Array<{ id: string; name: string; args: string }> | undefined;
  /** The answer's text, kept only when the request asks for JSON (to check it is JSON). */
  #text: string | undefined;
  #hasText = false;
  #hasReasoning = false;
  /** Text chunks that differ from a parsed one only in their text are read without `JSON.parse`. */
  readonly #template = new TextDeltaTemplate();
  /** The `service_tier` of the chunk the template was learned from (a matched chunk has it too). */
  #templateTier: string | undefined;

  constructor(config: OpenAICompatibleConfig, request: ChatRequest) {
    super(request, config.id);
    this.#config = config;
    this.#streamUsage = config.streamUsage ?? true;
  }

  protected createContext(deadline: CallDeadline): RequestContext {
    const config = this.#config;
    const request = this.request;
    if (request.responseFormat?.type === 'json') this.#text = '';
    return { provider: config.id, model: request.model, operation: 'chat/completions', secrets: config.secrets(), deadline };
  }

  protected open(ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    return this.#open(ctx);
  }

  protected event(event: SseEvent, ctx: RequestContext, out: StreamPart[]): boolean {
    if (event.data === '[DONE]') {
      this.#complete(out);
      return true;
    }
    const text = this.#template.match(event.data);
    if (text === undefined) this.#event(event.data, ctx, out);
    else {
      if (this.#templateTier !== undefined) this.#serviceTier = this.#templateTier;
      this.#content(text, out);
    }
    return false;
  }

  /** A chunk's text content (not empty). */
  #content(content: string, out: StreamPart[]): void {
    this.delivered++;
    this.characters += content.length;
    this.#hasText = true;
    if (this.#text !== undefined) this.#text += content;
    out.push(deltaPart('text-delta', content));
  }

  protected ended(): void {
    throw new ConnectionError(`${this.#config.id} ended the stream before [DONE]: the response is incomplete.`, { provider: this.#config.id });
  }

  async #open(ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    const config = this.#config;
    const request = this.request;
    const warnings: Warning[] = (this.#warnings = []);
    const body = convertToOpenAIChatBody(
      request,
      chatBodyOptions(config, {
        model: config.bodyModel ? config.bodyModel(request.model) : request.model,
        stream: true,
        streamUsage: this.#streamUsage,
        maxTokensField: config.maxTokensField ?? 'max_completion_tokens',
        warnings,
      }),
    );
    const checked = config.checkBody?.(body, request, 'chat/completions');
    if (checked) warnings.push(...checked);
    const response = await sendOpenAIRequest(config, 'chat/completions', request.model, JSON.stringify(body), true, ctx, request);
    this.#response = response;
    return this.eventStreamOf(response, ctx);
  }

  /** One event: its text delta onto `out`, its tool-call deltas, usage, finish reason and filter results kept. */
  #event(data: string, ctx: RequestContext, out: StreamPart[]): void {
    const config = this.#config;
    let chunk: OpenAIChunk;
    try {
      chunk = JSON.parse(data) as OpenAIChunk;
    } catch (error) {
      throw new ResponseParseError(`${config.id} sent a stream event that is not JSON.`, { rawText: redactSecrets(data, ctx.secrets), provider: config.id, cause: error });
    }
    if (chunk.error) throw mapHttpError({ status: 200, headers: (this.#response as HttpResponse).headers, body: chunk, provider: config.id, model: this.request.model, secrets: ctx.secrets });
    // Azure's first chunk carries prompt filter results with an empty id and model: take metadata from the first chunk that has it.
    if (!this.#id && chunk.id) this.#id = chunk.id;
    if (!this.#model && chunk.model) this.#model = chunk.model;
    if (chunk.usage) this.#usage = chunk.usage;
    if (chunk.service_tier) this.#serviceTier = chunk.service_tier;
    const choice = chunk.choices?.[0];
    if (choice === undefined) return;
    const delta = choice.delta;
    if (delta) {
      const reasoning = readReasoningText(delta);
      if (reasoning !== undefined) {
        this.delivered++;
        this.characters += reasoning.length;
        this.#hasReasoning = true;
        out.push(deltaPart('reasoning-delta', reasoning));
      }
      const content = delta.content;
      if (content) {
        this.#content(content, out);
        // A chunk whose only effect is its text: later ones like it are read by the template.
        if (reasoning === undefined && !delta.tool_calls && !choice.finish_reason && !chunk.usage && chunk.choices?.length === 1 && (choice.content_filter_results === undefined || firedFilterCategories(choice.content_filter_results).length === 0)) {
          this.#templateTier = chunk.service_tier || undefined;
          this.#template.learn(data, content, readContent);
        }
      }
      const toolDeltas = delta.tool_calls;
      if (toolDeltas) {
        const calls = (this.#calls ??= []);
        for (const d of toolDeltas) {
          const index = d.index ?? 0;
          const call = (calls[index] ??= { id: '', name: '', args: '' });
          if (d.id) call.id = d.id;
          // Assigned, not appended (as the `openai` package does): some OpenAI-compatible servers repeat the name in every delta.
          if (d.function?.name) call.name = d.function.name;
          if (d.function?.arguments) call.args += d.function.arguments;
        }
      }
    }
    if (choice.finish_reason) this.#finishRaw = choice.finish_reason;
    // Azure sends filter results on many chunks; keep the last one in which a category fired, so a later empty one cannot hide it.
    const filter = choice.content_filter_results;
    if (filter !== undefined && (this.#filterResults === undefined || firedFilterCategories(filter).length > 0)) this.#filterResults = filter;
  }

  /** At `[DONE]`: the assembled tool calls, then the `finish` part. */
  #complete(out: StreamPart[]): void {
    const config = this.#config;
    const response = this.#response as HttpResponse;
    if (this.#calls) {
      for (const call of this.#calls) {
        if (!call) continue;
        this.delivered++;
        out.push({ type: 'tool-call', id: call.id, name: call.name, arguments: parseToolArguments(call.args), rawArguments: call.args });
      }
    }
    const warnings = this.#warnings;
    if (this.#streamUsage && !this.#usage) warnings.push({ type: 'other', setting: 'stream_options.include_usage', message: `${config.id} sent no usage in the stream; token counts are 0.` });
    const finishReason = mapOpenAIFinishReason(this.#finishRaw);
    const request = this.request;
    const toolNames: string[] = [];
    if (this.#calls) for (const call of this.#calls) if (call) toolNames.push(call.name);
    const answer = { text: this.#text, hasText: this.#hasText, toolNames, finishReason, reasoning: this.#hasReasoning, servedModel: this.#model };
    const sentModel = config.checkServedModel ? (config.bodyModel ? config.bodyModel(request.model) : request.model) : undefined;
    warnIgnoredSettings(request, answer, { provider: config.id, ...(sentModel !== undefined ? { sentModel } : {}) }, warnings);
    const finish: StreamPart = {
      type: 'finish',
      finishReason,
      rawFinishReason: this.#finishRaw,
      usage: mapOpenAIUsage(this.#usage),
      model: this.#model || (config.fallbackModel ? config.fallbackModel(this.request.model) : this.request.model),
      requestId: readRequestId(response.headers) ?? this.#id,
      warnings,
      provider: config.id,
    };
    const rateLimit = readRateLimitHeaders(response.headers);
    if (rateLimit) finish.rateLimit = rateLimit;
    if (finishReason === 'content-filter') finish.contentFilter = { categories: firedFilterCategories(this.#filterResults), raw: this.#filterResults };
    const capacity = config.capacity?.(response.headers, this.#serviceTier, this.request);
    if (capacity) finish.capacity = capacity;
    out.push(finish);
  }
}
