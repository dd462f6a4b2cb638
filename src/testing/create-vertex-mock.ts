import type { ProviderMock } from './create-openai-mock.ts';
import { applyLatency, captureRequest, countWords, eventStream, retryHeaders, truncateJson, waitForAbort } from './mock-responses.ts';
import { loadMsw } from './load-msw.ts';
import { ScriptQueue } from './script-queue.ts';
import type { ScriptStep } from './script-step.ts';
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
 * @example
 * const mock = createVertexMock({ script: [{ type: 'error', status: 429, retryAfterSeconds: 2 }, { type: 'text', text: 'Hi' }] });
 * network.use(...mock.handlers);
 */
export function createVertexMock(options: VertexMockOptions): ProviderMock {
  const { http, HttpResponse } = loadMsw();
  const origin = options.baseURL ? escape(options.baseURL.replace(/\/+$/, '')) : ANY_VERTEX_HOST;
  const pattern = new RegExp(`^${origin}/(v1|v1beta1)/(.+):(generateContent|streamGenerateContent|predict|embedContent)(?:\\?.*)?$`);
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
    if (!streaming) return HttpResponse.json(vertexGenerateContentResponse(replyStep, meta), { headers: HEADERS });
    const chunks = vertexStreamChunks(replyStep, meta, { streamArguments: body.toolConfig?.functionCallingConfig?.streamFunctionCallArguments === true, cut: step.type === 'cut' });
    const timing = { chunkDelayMs: 'chunkDelayMs' in step ? step.chunkDelayMs : undefined, signal: request.signal };
    if (url.searchParams.get('alt') !== 'sse') {
      return new HttpResponse(eventStream(['[', ...chunks.map((c, i) => `${i > 0 ? ',\r\n' : ''}${JSON.stringify(c)}`), ']'], timing), { headers: { ...HEADERS, 'content-type': 'application/json; charset=UTF-8' } });
    }
    return new HttpResponse(eventStream(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`), timing), { headers: { ...HEADERS, 'content-type': 'text/event-stream' } });
  };

  return {
    handlers: [http.post(pattern, ({ request }) => answer(request))],
    requests,
    setScript: (script) => queue.reset(script),
  };
}
