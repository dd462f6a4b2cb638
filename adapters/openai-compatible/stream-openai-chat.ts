import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { firedFilterCategories } from '../../src/http/fired-filter-categories.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import { toResponseParseError } from '../../src/http/to-response-parse-error.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import { toTransportError } from '../../src/http/to-transport-error.ts';
import { SseParser } from '../../src/http/sse-parser.ts';
import { toStreamFailure } from '../../src/http/to-stream-failure.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { convertToOpenAIChatBody } from './convert-to-openai-chat-body.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';
import type { ChatCompletionChunk as Chunk } from 'openai/resources/chat/completions';

type ChunkChoice = Chunk['choices'][number];

/** The fields of a stream chunk that Switchyard reads, typed after the `openai` package's `ChatCompletionChunk`, all optional. */
interface OpenAIChunk {
  id?: Chunk['id'];
  model?: Chunk['model'];
  /** vLLM and Azure send an error object inside a 200 stream. */
  error?: unknown;
  usage?: OpenAIUsage | null;
  service_tier?: string | null;
  choices?: Array<{
    delta?: Partial<Pick<ChunkChoice['delta'], 'content'>> & { tool_calls?: Array<Partial<NonNullable<ChunkChoice['delta']['tool_calls']>[number]>> };
    finish_reason?: ChunkChoice['finish_reason'] | (string & {}) | null;
    content_filter_results?: unknown;
  }>;
}

/**
 * One streaming Chat Completions call: sends the request and turns the SSE events into stream parts.
 * Tool-call deltas are joined per index (several calls may interleave) and emitted whole before `finish`.
 * The stream must end with `[DONE]`: a stream cut off before it throws (`StreamInterruptedError` once
 * content was delivered), and an error object inside a 200 stream (vLLM, Azure) is thrown as a typed error.
 */
export async function* streamOpenAIChat(config: OpenAICompatibleConfig, request: ChatRequest): AsyncGenerator<StreamPart, void, undefined> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const ctx: RequestContext = { provider: config.id, model: request.model, secrets: config.secrets(), deadline };
  const streamUsage = config.streamUsage ?? true;
  let delivered = 0;
  let characters = 0;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  let completed = false;
  // The data of the event being read, so that a failure can quote it.
  let data: string | undefined;
  try {
    const body = convertToOpenAIChatBody(request, {
      model: config.bodyModel ? config.bodyModel(request.model) : request.model,
      stream: true,
      streamUsage,
      maxTokensField: config.maxTokensField ?? 'max_completion_tokens',
      providerOptionsKey: config.type,
      serviceTier: config.serviceTier,
    });
    const warnings: Warning[] = config.checkBody?.(body, request, 'chat/completions') || [];
    const response = await sendOpenAIRequest(config, 'chat/completions', request.model, JSON.stringify(body), true, ctx, request);
    // A server that ignored `stream: true` (or a gateway) answers with one JSON body: say so, not "ended before [DONE]".
    if (response.headers['content-type']?.startsWith('application/json')) {
      const text = await readBodyText(response, ctx);
      if (text.includes('"error"')) throw mapHttpError({ status: response.status, headers: response.headers, body: text, provider: config.id, model: request.model, secrets: ctx.secrets });
      throw new ResponseParseError(`${config.id} answered a streaming request with a JSON body instead of an event stream.`, { rawText: redactSecrets(text, ctx.secrets), provider: config.id });
    }
    const parser = new SseParser();
    iterator = response.body[Symbol.asyncIterator]();
    let id: string | undefined;
    let model: string | undefined;
    let usage: OpenAIUsage | null | undefined;
    let finishRaw: string | null = null;
    let serviceTier: string | undefined;
    let filterResults: unknown;
    let calls: Array<{ id: string; name: string; args: string }> | undefined;
    let done = false;

    while (!done) {
      let read: IteratorResult<Uint8Array>;
      try {
        read = await iterator.next();
      } catch (error) {
        throw toTransportError(error, ctx);
      }
      const events = read.done ? parser.end() : parser.push(read.value);
      for (let e = 0; e < events.length; e++) {
        data = (events[e] as { data: string }).data;
        if (data === '[DONE]') {
          done = true;
          break;
        }
        let chunk: OpenAIChunk;
        try {
          chunk = JSON.parse(data) as OpenAIChunk;
        } catch (error) {
          throw new ResponseParseError(`${config.id} sent a stream event that is not JSON.`, { rawText: redactSecrets(data, ctx.secrets), provider: config.id, cause: error });
        }
        if (chunk.error) throw mapHttpError({ status: 200, headers: response.headers, body: chunk, provider: config.id, model: request.model, secrets: ctx.secrets });
        // Azure's first chunk carries prompt filter results with an empty id and model: take metadata from the first chunk that has it.
        if (!id && chunk.id) id = chunk.id;
        if (!model && chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        if (chunk.service_tier) serviceTier = chunk.service_tier;
        const choice = chunk.choices?.[0];
        if (choice === undefined) continue;
        const delta = choice.delta;
        if (delta) {
          const content = delta.content;
          if (content) {
            delivered++;
            characters += content.length;
            yield { type: 'text-delta', text: content };
          }
          const toolDeltas = delta.tool_calls;
          if (toolDeltas) {
            calls ??= [];
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
        if (choice.finish_reason) finishRaw = choice.finish_reason;
        // Azure sends filter results on many chunks; keep the last one in which a category fired, so a later empty one cannot hide it.
        if (choice.content_filter_results !== undefined && (filterResults === undefined || firedFilterCategories(choice.content_filter_results).length > 0)) filterResults = choice.content_filter_results;
      }
      if (read.done) break;
    }
    if (!done) {
      throw new ConnectionError(`${config.id} ended the stream before [DONE]: the response is incomplete.`, { provider: config.id });
    }
    if (calls) {
      for (const call of calls) {
        if (!call) continue;
        delivered++;
        yield { type: 'tool-call', id: call.id, name: call.name, arguments: parseToolArguments(call.args), rawArguments: call.args };
      }
    }
    if (streamUsage && !usage) warnings.push({ type: 'other', setting: 'stream_options.include_usage', message: `${config.id} sent no usage in the stream; token counts are 0.` });
    const finishReason = mapOpenAIFinishReason(finishRaw);
    const finish: StreamPart = {
      type: 'finish',
      finishReason,
      rawFinishReason: finishRaw,
      usage: mapOpenAIUsage(usage),
      model: model || (config.fallbackModel ? config.fallbackModel(request.model) : request.model),
      requestId: readRequestId(response.headers) ?? id,
      warnings,
      provider: config.id,
    };
    const rateLimit = readRateLimitHeaders(response.headers);
    if (rateLimit) finish.rateLimit = rateLimit;
    if (finishReason === 'content-filter') finish.contentFilter = { categories: firedFilterCategories(filterResults), raw: filterResults };
    const capacity = config.capacity?.(response.headers, serviceTier, request);
    if (capacity) finish.capacity = capacity;
    completed = true;
    yield finish;
  } catch (error) {
    // Transport failures are typed where they happen: anything else thrown while reading an event is its shape.
    throw toStreamFailure(data === undefined || deadline.reason() ? error : toResponseParseError(error, data, ctx), ctx, delivered, characters);
  } finally {
    deadline.dispose();
    if (!completed) await iterator?.return?.().catch(() => undefined);
  }
}
