import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import { toResponseParseError } from '../../src/http/to-response-parse-error.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import { toTransportError } from '../../src/http/to-transport-error.ts';
import { SseParser } from '../../src/http/sse-parser.ts';
import { toStreamFailure } from '../../src/http/to-stream-failure.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { convertToVertexRequest } from './convert-to-vertex-request.ts';
import { mapVertexFinishReason } from './map-vertex-finish-reason.ts';
import { mapVertexUsage } from './map-vertex-usage.ts';
import { mapVertexTrafficType } from './map-vertex-traffic-type.ts';
import { sendVertexRequest } from './send-vertex-request.ts';
import { vertexRequestHeaders } from './vertex-request-headers.ts';
import type { VertexConfig } from './vertex-config.ts';
import { vertexBlockedCategories } from './vertex-blocked-categories.ts';
import { vertexPromptBlockedError } from './vertex-prompt-blocked-error.ts';
import { VertexToolCallAssembler } from './vertex-tool-call-assembler.ts';
import type { VertexGenerateContentResponse, VertexSafetyRating, VertexUsageMetadata } from './vertex-wire-types.ts';

/** What a stream has seen so far. */
interface StreamState {
  responseId?: string;
  modelVersion?: string;
  /** The last `usageMetadata` that carried `totalTokenCount` (earlier chunks may hold only `trafficType`). */
  usage?: VertexUsageMetadata;
  /** The last `usageMetadata.trafficType` seen (every chunk may carry it). */
  trafficType?: string;
  finishRaw: string | null;
  ratings?: VertexSafetyRating[];
  /** A chunk carried a `finishReason`: the answer is complete. */
  finished: boolean;
  calls: number;
}

function parseChunks(data: string, ctx: RequestContext): VertexGenerateContentResponse[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw new ResponseParseError(`${ctx.provider} sent a stream event that is not JSON.`, { rawText: redactSecrets(data, ctx.secrets), provider: ctx.provider, cause: error });
  }
  // Without alt=sse (a proxy that drops the query) Vertex streams one JSON array; errors also come array-wrapped.
  return (Array.isArray(parsed) ? parsed : [parsed]) as VertexGenerateContentResponse[];
}

/**
 * One streaming call (`:streamGenerateContent?alt=sse`). Vertex sends no `[DONE]`: a stream is complete once a chunk
 * carries a candidate `finishReason` (usage comes in that chunk or a later one, and is taken from the last chunk with
 * `totalTokenCount`). A stream that closes before any `finishReason` is cut off: it throws `ConnectionError`, or
 * `StreamInterruptedError` once parts were delivered. Function calls are emitted as soon as they are whole (streamed
 * `partialArgs` assembled); an `{ error }` object inside the stream and a prompt block are thrown as typed errors.
 */
export async function* streamVertexChat(config: VertexConfig, request: ChatRequest): AsyncGenerator<StreamPart, void, undefined> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const secrets: string[] = [];
  const ctx: RequestContext & { secrets: string[] } = { provider: config.id, model: request.model, secrets, deadline };
  let delivered = 0;
  let characters = 0;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  let completed = false;
  // The data being read, so that a failure can quote it.
  let data: string | undefined;
  try {
    const { body, warnings } = convertToVertexRequest(request, { signatures: config.signatures, provider: config.id });
    const response = await sendVertexRequest(config, config.url(request.model, 'streamGenerateContent'), JSON.stringify(body), true, ctx, vertexRequestHeaders(config, request));
    const state: StreamState = { finishRaw: null, finished: false, calls: 0 };
    const assembler = new VertexToolCallAssembler(config.signatures);

    function* handle(chunk: VertexGenerateContentResponse): Generator<StreamPart> {
      if (chunk.error) throw mapHttpError({ status: 200, headers: response.headers, body: chunk, provider: config.id, model: request.model, secrets });
      if (chunk.responseId) state.responseId ??= chunk.responseId;
      if (chunk.modelVersion) state.modelVersion ??= chunk.modelVersion;
      if (chunk.usageMetadata?.totalTokenCount !== undefined) state.usage = chunk.usageMetadata;
      if (chunk.usageMetadata?.trafficType) state.trafficType = chunk.usageMetadata.trafficType;
      const candidate = chunk.candidates?.[0];
      if (!candidate && chunk.promptFeedback?.blockReason) throw vertexPromptBlockedError(chunk, { provider: config.id, model: state.modelVersion || request.model });
      for (const part of candidate?.content?.parts ?? []) {
        if (part.text && !part.thought) {
          delivered++;
          characters += part.text.length;
          yield { type: 'text-delta', text: part.text };
        }
        if (part.functionCall) {
          for (const call of assembler.push(part.functionCall, part.thoughtSignature, state.responseId)) {
            delivered++;
            state.calls++;
            yield { type: 'tool-call', ...call };
          }
        }
      }
      if (candidate?.finishReason) {
        state.finishRaw = candidate.finishReason;
        state.ratings = candidate.safetyRatings;
        state.finished = true;
      }
    }

    if (!(response.headers['content-type'] ?? '').includes('text/event-stream')) {
      data = await readBodyText(response, ctx);
      for (const chunk of parseChunks(data, ctx)) yield* handle(chunk);
    } else {
      const parser = new SseParser();
      iterator = response.body[Symbol.asyncIterator]();
      for (;;) {
        let read: IteratorResult<Uint8Array>;
        try {
          read = await iterator.next();
        } catch (error) {
          // A connection dropped after the final chunk (finish reason and usage) lost nothing.
          if (state.finished && state.usage && !deadline.reason()) break;
          throw toTransportError(error, ctx);
        }
        const events = read.done ? parser.end() : parser.push(read.value);
        for (const event of events) {
          data = event.data;
          for (const chunk of parseChunks(data, ctx)) yield* handle(chunk);
        }
        if (read.done) break;
      }
    }
    if (!state.finished) {
      throw new ConnectionError(`${config.id} closed the stream before a chunk with a finishReason: the response is incomplete.`, { provider: config.id });
    }
    for (const call of assembler.finish(state.responseId)) {
      delivered++;
      state.calls++;
      yield { type: 'tool-call', ...call };
    }
    if (!state.usage) warnings.push({ type: 'other', setting: 'usageMetadata', message: `${config.id} sent no usage with totalTokenCount in the stream; token counts are 0.` });
    const finishReason = mapVertexFinishReason(state.finishRaw, state.calls > 0);
    const finish: StreamPart = {
      type: 'finish',
      finishReason,
      rawFinishReason: state.finishRaw,
      usage: mapVertexUsage(state.usage),
      model: state.modelVersion || request.model,
      requestId: state.responseId ?? readRequestId(response.headers),
      warnings,
      provider: config.id,
    };
    if (finishReason === 'content-filter') {
      const categories = vertexBlockedCategories(state.ratings);
      finish.contentFilter = { categories: categories.length > 0 ? categories : [state.finishRaw as string], raw: state.ratings };
    }
    const capacity = mapVertexTrafficType(state.trafficType);
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
