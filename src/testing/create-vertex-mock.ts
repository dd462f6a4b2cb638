import type { ProviderMock } from './create-openai-mock.ts';
import { applyLatency, captureRequest, countWords, eventStream, retryHeaders, streamTiming, truncateJson, waitForAbort } from './mock-responses.ts';
import { loadMsw } from './load-msw.ts';
import { ScriptQueue } from './script-queue.ts';
import type { ScriptStep } from './script-step.ts';
import { anthropicErrorBody, anthropicId, anthropicMessage, anthropicServedModel, anthropicStreamEvents, isAnthropicError } from './anthropic-wire.ts';
import { vertexCreateTime, vertexEmbedContent, vertexErrorBody, vertexGenerateContentResponse, vertexPredictEmbeddings, vertexResponseId, vertexStreamChunks } from './vertex-wire.ts';

/** Options of `createVertexMock`. */
export interface VertexMockOptions {
  /** The origin to answer on (scheme, host and any path prefix before `/v1`). @default every Vertex AI host (regional, global, `us`/`eu` multi-region) */
  baseURL?: string | undefined;
  /** What to answer, one step per request; the last repeats. */
  script: ScriptStep | ScriptStep[];
  /** The `modelVersion` reported when the step names none. @default the model in the URL */
  servedModel?: string | undefined;
  /** Send `retry-after` / `retry-after-ms` headers on error steps that ask to wait (the body always carries `RetryInfo`). @default true */
  retryAfterHeader?: boolean | undefined;
}

const ANY_VERTEX_HOST = 'https://(?:[a-z0-9-]+-)?aiplatform(?:\\.(?:us|eu)\\.rep)?\\.googleapis\\.com';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HEADERS = { vary: 'Origin, X-Origin, Referer', server: 'scaffolding on HTTPServer2', 'x-xss-protection': '0', 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff' };
/** What Vertex adds to a Claude response (recorded: `request-id: req_vrtx_…`, `x-vertex-ai-internal-prediction-backend: harpoon`). */
const claudeHeaders = () => ({ ...HEADERS, 'request-id': anthropicId('req_vrtx_'), 'x-vertex-ai-internal-prediction-backend': 'harpoon' });

/** Google's quota error for a Claude model, array-wrapped as Vertex sends it for partner models. */
function claudeQuotaError(resource: string): unknown[] {
  const model = /models\/([^@/:]+)/.exec(resource)?.[1] ?? 'claude';
  return [{ error: { code: 429, message: `Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-${model}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`, status: 'RESOURCE_EXHAUSTED' } }];
}

function vectorFor(text: string, dims: number): number[] {
  let seed = 7;
  for (let i = 0; i < text.length; i++) seed = (seed * 31 + text.charCodeAt(i)) % 1_000_003;
  return Array.from({ length: dims }, (_, j) => Math.round((((seed * (j + 3)) % 1009) / 1009 - 0.5) * 1e6) / 1e6);
}

/**
 * msw handlers that speak Vertex AI's wire format, scripted step by step like `createOpenAIMock`:
 * `:generateContent`; `:streamGenerateContent?alt=sse` (CRLF-separated events, no `[DONE]`, running usage with only
 * `trafficType` until the last chunk, `modelVersion`, `responseId` and `createTime` on every chunk; `partialArgs` when the
 * request sets `streamFunctionCallArguments`; a JSON array without `alt=sse`); google.rpc.Status errors (`RetryInfo` on
 * waits); `:predict` and `:embedContent` embeddings. A `cut` step closes the stream cleanly before the finishing chunk.
 * Claude models (`publishers/anthropic/models/…`): `:rawPredict` answers an Anthropic Messages body and
 * `:streamRawPredict` its SSE events (`message_start` … `message_stop`, thinking blocks for steps with `reasoning`,
 * cache counts from `usage.cachedInputTokens` / `cacheWriteTokens`); errors come in Anthropic's envelope for 400, 413,
 * 500 and 529 (`overloaded_error`) or an Anthropic `code`, and in Google's for the rest (401, 403, 404, a 429 quota);
 * a `cut` step with `error` ends its stream with that `error` event.
 * @example
 * const mock = createVertexMock({ script: [{ type: 'error', status: 429, retryAfterSeconds: 2 }, { type: 'text', text: 'Hi' }] });
 * network.use(...mock.handlers);
 */
export function createVertexMock(options: VertexMockOptions): ProviderMock {
  const { http, HttpResponse } = loadMsw();
  const origin = options.baseURL ? escape(options.baseURL.replace(/\/+$/, '')) : ANY_VERTEX_HOST;
  const pattern = new RegExp(`^${origin}/(v1|v1beta1)/(.+):(generateContent|streamGenerateContent|predict|embedContent|rawPredict|streamRawPredict)(?:\\?.*)?$`);
  const queue = new ScriptQueue(options.script);
  const requests: ProviderMock['requests'] = [];

  const answer = async (request: Request) => {
    const captured = await captureRequest(request);
    requests.push(captured);
    const url = new URL(request.url);
    const [, , resource = '', method] = pattern.exec(`${url.origin}${url.pathname}${url.search}`) ?? [];
    const step = queue.take();
    if (step.type === 'hang') {
      await waitForAbort(request);
      return HttpResponse.error();
    }
    await applyLatency(step);
    if (method === 'rawPredict' || method === 'streamRawPredict') return answerClaude(step, method === 'streamRawPredict', resource, request.signal, captured.body);
    if (step.type === 'error') {
      const wait = step.retryAfterMs ?? (step.retryAfterSeconds === undefined ? undefined : step.retryAfterSeconds * 1000);
      const headers = { ...HEADERS, ...(options.retryAfterHeader === false ? {} : retryHeaders(step)), ...step.headers };
      const body = vertexErrorBody(step.status, { message: step.message, code: step.code, retryAfterMs: wait, resource });
      return HttpResponse.json(body, { status: step.status, headers });
    }
    const body = captured.body ?? {};
    const urlModel = /(?:models|endpoints)\/([^/]+)$/.exec(resource)?.[1] ?? resource;
    if (step.type === 'malformed') {
      const meta = { modelVersion: options.servedModel || urlModel, responseId: vertexResponseId(), createTime: vertexCreateTime() };
      const whole = { type: 'text' as const, text: 'This reply is cut off.' };
      if (method !== 'streamGenerateContent') return new HttpResponse(truncateJson(vertexGenerateContentResponse(whole, meta)), { headers: { ...HEADERS, 'content-type': 'application/json; charset=UTF-8' } });
      return new HttpResponse(eventStream([`data: ${truncateJson(vertexStreamChunks(whole, meta)[0])}\r\n\r\n`]), { headers: { ...HEADERS, 'content-type': 'text/event-stream' } });
    }
    if (method === 'predict' || method === 'embedContent' || step.type === 'embeddings') {
      const embedStep = step.type === 'embeddings' ? step : undefined;
      if (method === 'embedContent') {
        const text: string = body.content?.parts?.map((p: { text?: string }) => p.text ?? '').join('') ?? '';
        const dims = body.embedContentConfig?.outputDimensionality ?? embedStep?.dimensions ?? 8;
        return HttpResponse.json(vertexEmbedContent(vectorFor(text, dims), countWords(text)), { headers: HEADERS });
      }
      const inputs: string[] = (body.instances ?? []).map((i: { content?: string }) => i.content ?? '');
      const dims = body.parameters?.outputDimensionality ?? embedStep?.dimensions ?? 8;
      const vectors = embedStep?.vectors ?? inputs.map((text) => vectorFor(text, dims));
      const counts = inputs.map((text) => countWords(text));
      if (embedStep?.inputTokens !== undefined) {
        const share = Math.floor(embedStep.inputTokens / Math.max(1, inputs.length));
        counts.fill(share);
        counts[0] = embedStep.inputTokens - share * (inputs.length - 1);
      }
      return HttpResponse.json(vertexPredictEmbeddings(vectors, counts), { headers: HEADERS });
    }
    const meta = { modelVersion: ('model' in step && step.model) || options.servedModel || urlModel, responseId: vertexResponseId(), createTime: vertexCreateTime() };
    const streaming = method === 'streamGenerateContent';
    if (step.type === 'cut' && !streaming) return HttpResponse.error();
    const replyStep = step.type === 'cut' ? { type: 'text' as const, text: step.text, chunks: step.chunks } : step;
    if (replyStep.type !== 'text' && replyStep.type !== 'tool-calls') return HttpResponse.json(vertexErrorBody(400), { status: 400, headers: HEADERS });
    const replyHeaders = { ...HEADERS, ...replyStep.headers };
    if (!streaming) return HttpResponse.json(vertexGenerateContentResponse(replyStep, meta), { headers: replyHeaders });
    const chunks = vertexStreamChunks(replyStep, meta, { streamArguments: body.toolConfig?.functionCallingConfig?.streamFunctionCallArguments === true, cut: step.type === 'cut' });
    if (url.searchParams.get('alt') !== 'sse') {
      return new HttpResponse(eventStream(['[', ...chunks.map((c, i) => `${i > 0 ? ',\r\n' : ''}${JSON.stringify(c)}`), ']'], streamTiming(step, request.signal, 1)), { headers: { ...replyHeaders, 'content-type': 'application/json; charset=UTF-8' } });
    }
    return new HttpResponse(eventStream(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`), streamTiming(step, request.signal, 0)), { headers: { ...replyHeaders, 'content-type': 'text/event-stream' } });
  };

  /** A Claude model's answer: Anthropic's Messages body or events, Anthropic's errors, or Google's in front of them. */
  const answerClaude = (scripted: Exclude<ScriptStep, { type: 'hang' }>, streaming: boolean, resource: string, signal: AbortSignal, body: any) => {
    // A JSON text answered to a forced tool (structured output through a tool) comes back as that tool's input, as Claude answers it.
    const forced = body?.tool_choice?.type === 'tool' ? (body.tool_choice.name as string) : undefined;
    let step = scripted;
    if (forced && scripted.type === 'text') {
      let input: unknown;
      try {
        input = JSON.parse(scripted.text);
      } catch {
        // Not JSON: answered as text.
      }
      // A tool's input is an object: anything else is answered as text.
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        step = { type: 'tool-calls', calls: [{ name: forced, arguments: input }], ...(scripted.usage ? { usage: scripted.usage } : {}), ...(scripted.model ? { model: scripted.model } : {}) };
      }
    }
    const urlModel = /models\/([^/]+)$/.exec(resource)?.[1] ?? resource;
    if (step.type === 'error') {
      const wait = step.retryAfterMs ?? (step.retryAfterSeconds === undefined ? undefined : step.retryAfterSeconds * 1000);
      const headers = { ...claudeHeaders(), ...(options.retryAfterHeader === false ? {} : retryHeaders(step)), ...step.headers };
      const anthropic = isAnthropicError(step.status, step.code);
      const body = anthropic ? anthropicErrorBody(step.status, { type: step.code, message: step.message }) : step.status === 429 && !step.message ? claudeQuotaError(resource) : vertexErrorBody(step.status, { message: step.message, code: step.code, retryAfterMs: wait, resource });
      return HttpResponse.json(body, { status: step.status, headers });
    }
    const meta = { id: anthropicId('msg_vrtx_'), model: ('model' in step && step.model) || anthropicServedModel(options.servedModel || urlModel) };
    if (step.type === 'malformed') {
      const whole = { type: 'text' as const, text: 'This reply is cut off.' };
      if (!streaming) return new HttpResponse(truncateJson(anthropicMessage(whole, meta)), { headers: { ...claudeHeaders(), 'content-type': 'application/json' } });
      const first = anthropicStreamEvents(whole, meta)[0] as string;
      return new HttpResponse(eventStream([first.slice(0, Math.floor(first.length / 2)) + '\n\n']), { headers: { ...claudeHeaders(), 'content-type': 'text/event-stream; charset=utf-8' } });
    }
    if (step.type === 'cut' && !streaming) return HttpResponse.error();
    const reply = step.type === 'cut' ? { type: 'text' as const, text: step.text, chunks: step.chunks } : step;
    if (reply.type !== 'text' && reply.type !== 'tool-calls') return HttpResponse.json(anthropicErrorBody(400, { message: `The mock has no ${reply.type} answer for a Claude model.` }), { status: 400, headers: claudeHeaders() });
    if (!streaming) return HttpResponse.json(anthropicMessage(reply, meta), { headers: claudeHeaders() });
    const events = anthropicStreamEvents(reply, meta, step.type === 'cut' ? { cut: true, ...(step.error ? { error: step.error } : {}) } : {});
    // Stalls count text pieces from the first text delta (after message_start, content_block_start and any thinking).
    const firstText = Math.max(0, events.findIndex((e) => e.includes('"text_delta"')));
    const timing = streamTiming(step, signal, firstText);
    return new HttpResponse(eventStream(events, timing), { headers: { ...claudeHeaders(), 'content-type': 'text/event-stream; charset=utf-8' } });
  };

  return {
    handlers: [http.post(pattern, ({ request }) => answer(request))],
    requests,
    setScript: (script) => queue.reset(script),
  };
}
