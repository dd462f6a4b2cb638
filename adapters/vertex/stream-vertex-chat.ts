import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ResponseParseError } from '../../src/errors/response-parse-error.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { redactSecrets } from '../../src/http/redact-secrets.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import type { CallDeadline } from '../../src/http/call-deadline.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { SseEvent } from '../../src/http/sse-parser.ts';
import { SseStream } from '../../src/http/sse-stream.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { convertToVertexRequest } from './convert-to-vertex-request.ts';
import { mapVertexFinishReason } from './map-vertex-finish-reason.ts';
import { mapVertexUsage } from './map-vertex-usage.ts';
import { mapVertexTrafficType } from './map-vertex-traffic-type.ts';
import { sendVertexRequest } from './send-vertex-request.ts';
import { vertexRequestHeaders } from './vertex-request-headers.ts';
import type { VertexConfig } from './vertex-config.ts';
import { vertexBlockedCategories } from './vertex-blocked-categories.ts';
import { vertexPromptBlockedError } from './vertex-prompt-blocked-error.ts';
import { VertexReasoningCollector } from './vertex-reasoning-collector.ts';
import { VertexToolCallAssembler } from './vertex-tool-call-assembler.ts';
import type { VertexGenerateContentResponse, VertexSafetyRating, VertexUsageMetadata } from './vertex-wire-types.ts';
import { deltaPart } from '../../src/http/delta-part.ts';

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
 * `StreamInterruptedError` once parts were delivered. Thought parts (`thought: true`) become `reasoning-delta` parts and the
 * thought signatures the finish part's `reasoningState`. Function calls are emitted as soon as they are whole (streamed
 * `partialArgs` assembled); an `{ error }` object inside the stream and a prompt block are thrown as typed errors.
 * The events of each network read become parts in one synchronous loop.
 */
export function streamVertexChat(config: VertexConfig, request: ChatRequest): AsyncIterable<StreamPart> {
  return new VertexChatStream(config, request);
}

type VertexStreamContext = RequestContext & { secrets: string[] };

class VertexChatStream extends SseStream<VertexStreamContext> {
  readonly #config: VertexConfig;
  #response: HttpResponse | undefined;
  #warnings: Warning[] = [];
  #assembler: VertexToolCallAssembler;
  readonly #reasoning: VertexReasoningCollector;
  readonly #state: StreamState = { finishRaw: null, finished: false, calls: 0 };

  constructor(config: VertexConfig, request: ChatRequest) {
    super(request, config.id);
    this.#config = config;
    this.#reasoning = new VertexReasoningCollector(config.signatures, config.id);
    this.#assembler = new VertexToolCallAssembler(this.#reasoning);
  }

  protected createContext(deadline: CallDeadline): VertexStreamContext {
    return { provider: this.#config.id, model: this.request.model, secrets: [], deadline };
  }

  /** Without `alt=sse` (a proxy that drops the query) Vertex answers with one JSON array: its chunks, whole. */
  protected async open(ctx: VertexStreamContext, out: StreamPart[]): Promise<AsyncIterable<Uint8Array> | false> {
    const response = await this.#open(ctx);
    if ((response.headers['content-type'] ?? '').includes('text/event-stream')) return response.body;
    const data = await readBodyText(response, ctx);
    this.data = data;
    for (const chunk of parseChunks(data, ctx)) this.#chunk(chunk, out);
    this.#complete(out);
    return false;
  }

  protected event(event: SseEvent, ctx: VertexStreamContext, out: StreamPart[]): boolean {
    for (const chunk of parseChunks(event.data, ctx)) this.#chunk(chunk, out);
    return false;
  }

  /** Vertex sends no sentinel: the end of the body completes the answer, when a chunk carried a finishReason. */
  protected ended(out: StreamPart[]): void {
    this.#complete(out);
  }

  /** A connection dropped after the final chunk (finish reason and usage) lost nothing. */
  protected override dropIsHarmless(): boolean {
    return this.#state.finished && this.#state.usage !== undefined;
  }

  async #open(ctx: VertexStreamContext): Promise<HttpResponse> {
    const config = this.#config;
    const request = this.request;
    const { body, warnings } = convertToVertexRequest(request, { signatures: config.signatures, provider: config.id });
    this.#warnings = warnings;
    const response = await sendVertexRequest(config, config.url(request.model, 'streamGenerateContent'), JSON.stringify(body), true, ctx, vertexRequestHeaders(config, request));
    this.#response = response;
    return response;
  }

  /** One response chunk: its text and whole function calls onto `out`, its metadata kept. */
  #chunk(chunk: VertexGenerateContentResponse, out: StreamPart[]): void {
    const config = this.#config;
    const state = this.#state;
    const ctx = this.context;
    if (chunk.error) throw mapHttpError({ status: 200, headers: (this.#response as HttpResponse).headers, body: chunk, provider: config.id, model: this.request.model, secrets: ctx.secrets });
    if (chunk.responseId) state.responseId ??= chunk.responseId;
    if (chunk.modelVersion) state.modelVersion ??= chunk.modelVersion;
    if (chunk.usageMetadata?.totalTokenCount !== undefined) state.usage = chunk.usageMetadata;
    if (chunk.usageMetadata?.trafficType) state.trafficType = chunk.usageMetadata.trafficType;
    const candidate = chunk.candidates?.[0];
    if (!candidate && chunk.promptFeedback?.blockReason) throw vertexPromptBlockedError(chunk, { provider: config.id, model: state.modelVersion || this.request.model });
    for (const part of candidate?.content?.parts ?? []) {
      if (part.text) {
        this.delivered++;
        this.characters += part.text.length;
        if (part.thought) {
          this.#reasoning.thought(part.text);
          out.push(deltaPart('reasoning-delta', part.text));
        } else out.push(deltaPart('text-delta', part.text));
      }
      if (part.functionCall) {
        for (const call of this.#assembler.push(part.functionCall, part.thoughtSignature, state.responseId)) {
          this.delivered++;
          state.calls++;
          out.push({ type: 'tool-call', ...call });
        }
      } else if (part.thoughtSignature) this.#reasoning.textSignature(part.thoughtSignature);
    }
    if (candidate?.finishReason) {
      state.finishRaw = candidate.finishReason;
      state.ratings = candidate.safetyRatings;
      state.finished = true;
    }
  }

  /** At the end of the body: the calls still open, then the `finish` part, or the error of a cut stream. */
  #complete(out: StreamPart[]): void {
    const config = this.#config;
    const state = this.#state;
    if (!state.finished) {
      throw new ConnectionError(`${config.id} closed the stream before a chunk with a finishReason: the response is incomplete.`, { provider: config.id });
    }
    for (const call of this.#assembler.finish(state.responseId)) {
      this.delivered++;
      state.calls++;
      out.push({ type: 'tool-call', ...call });
    }
    const warnings = this.#warnings;
    if (!state.usage) warnings.push({ type: 'other', setting: 'usageMetadata', message: `${config.id} sent no usage with totalTokenCount in the stream; token counts are 0.` });
    const finishReason = mapVertexFinishReason(state.finishRaw, state.calls > 0);
    const finish: StreamPart = {
      type: 'finish',
      finishReason,
      rawFinishReason: state.finishRaw,
      usage: mapVertexUsage(state.usage),
      model: state.modelVersion || this.request.model,
      requestId: state.responseId ?? readRequestId((this.#response as HttpResponse).headers),
      warnings,
      provider: config.id,
    };
    const reasoningState = this.#reasoning.state();
    if (reasoningState) finish.reasoningState = reasoningState;
    if (finishReason === 'content-filter') {
      const categories = vertexBlockedCategories(state.ratings);
      finish.contentFilter = { categories: categories.length > 0 ? categories : [state.finishRaw as string], raw: state.ratings };
    }
    const capacity = mapVertexTrafficType(state.trafficType);
    if (capacity) finish.capacity = capacity;
    out.push(finish);
  }
}
