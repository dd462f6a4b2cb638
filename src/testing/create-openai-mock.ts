import type * as Msw from 'msw';
import { answerOpenAIResponses } from './answer-openai-responses.ts';
import { loadMsw } from './load-msw.ts';
import { applyLatency, captureRequest, eventStream, retryHeaders, streamTiming, truncateJson, waitForAbort } from './mock-responses.ts';
import { mockId, openAIChatChunks, openAIChatCompletion, openAIErrorBody } from './openai-wire.ts';
import { ScriptQueue } from './script-queue.ts';
import type { CapturedRequest, ScriptStep } from './script-step.ts';

/** Options of `createOpenAIMock`. */
export interface OpenAIMockOptions {
  /** The base URL to answer on. @default 'https://api.openai.com/v1' */
  baseURL?: string | undefined;
  /** What to answer, one step per request; the last repeats. */
  script: ScriptStep | ScriptStep[];
  /** `vllm` for vLLM/NIM/CoreWeave ways: integer error codes, errors inside a 200 stream. @default 'openai' */
  flavor?: 'openai' | 'vllm' | undefined;
  /** The model reported when the script names none. @default the request's model */
  servedModel?: string | undefined;
  /**
   * The headers of each response, instead of OpenAI's (`x-request-id`, `openai-processing-ms`, `x-ratelimit-*`),
   * for OpenAI-compatible servers that send others (OCI's `opc-request-id`).
   */
  responseHeaders?: (() => Record<string, string>) | undefined;
}

/** A mock OpenAI-format server for msw: its handlers, the requests it received, and a way to change its script. */
export interface ProviderMock {
  /** msw handlers: pass them to `setupServer(...)` or `server.use(...)`. */
  handlers: ReturnType<typeof Msw.http.post>[];
  /** Every request received, in order. */
  requests: CapturedRequest[];
  /** Replaces the script. */
  setScript(script: ScriptStep | ScriptStep[]): void;
}

/**
 * msw handlers that speak the OpenAI wire format (Chat Completions, streaming with `[DONE]`, tool calls,
 * embeddings, errors with `retry-after`) and the Responses API (`POST /responses`: response objects, the typed event
 * stream, reasoning items with encrypted content, in-band stream errors), scripted step by step: for testing
 * failover configs offline.
 * @example
 * const mock = createOpenAIMock({ script: [{ type: 'error', status: 429, retryAfterSeconds: 1 }, { type: 'text', text: 'Hi' }] });
 * server.use(...mock.handlers);
 */
export function createOpenAIMock(options: OpenAIMockOptions): ProviderMock {
  const { http, HttpResponse } = loadMsw();
  const base = (options.baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  const queue = new ScriptQueue(options.script);
  const flavor = options.flavor ?? 'openai';
  const requests: CapturedRequest[] = [];

  const answer = async (request: Request, kind: 'chat' | 'responses' | 'embeddings') => {
    const captured = await captureRequest(request);
    requests.push(captured);
    const step = queue.take();
    if (step.type === 'hang') {
      await waitForAbort(request);
      return HttpResponse.error();
    }
    await applyLatency(step);
    const headers = options.responseHeaders?.() ?? { 'x-request-id': mockId('req_'), 'openai-processing-ms': '212', 'x-ratelimit-remaining-requests': '4999', 'x-ratelimit-remaining-tokens': '799850' };
    if (step.type === 'error' && !(kind === 'responses' && step.inStream && captured.body?.stream)) {
      return HttpResponse.json(openAIErrorBody(step.status, step.message, step.code, flavor), { status: step.status, headers: { ...headers, ...retryHeaders(step), ...step.headers } });
    }
    const body = captured.body ?? {};
    const model = ('model' in step && step.model) || options.servedModel || body.model || 'gpt-4o-2024-08-06';
    if (kind === 'responses') return answerOpenAIResponses(step, body, model, headers, request.signal);
    if (step.type === 'error') throw new Error('unreachable: only a Responses stream reports an error in-band');
    if (step.type === 'malformed') {
      const whole = { type: 'text' as const, text: 'This reply is cut off.' };
      if (!body.stream || kind === 'embeddings') return new HttpResponse(truncateJson(openAIChatCompletion(whole, model)), { headers: { ...headers, 'content-type': 'application/json' } });
      return new HttpResponse(eventStream([`data: ${truncateJson(openAIChatChunks(whole, model, false)[1])}\n\n`, 'data: [DONE]\n\n']), { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }
    if (kind === 'embeddings' || step.type === 'embeddings') {
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const dims = (step.type === 'embeddings' && step.dimensions) || body.dimensions || 8;
      const vectors = step.type === 'embeddings' && step.vectors ? step.vectors : inputs.map((_, i) => Array.from({ length: dims }, (_, j) => Math.round(((((i + 1) * (j + 3)) % 17) / 17 - 0.5) * 1e6) / 1e6));
      const tokens = (step.type === 'embeddings' && step.inputTokens) || inputs.join(' ').split(/\s+/).length;
      return HttpResponse.json({ object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, { headers });
    }
    if (step.type === 'cut') {
      if (!body.stream) return HttpResponse.error();
      const chunks = openAIChatChunks({ type: 'text', text: step.text, chunks: step.chunks }, model, false).slice(0, -1);
      return new HttpResponse(eventStream(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), { chunkDelayMs: step.chunkDelayMs, cut: true, signal: request.signal }), { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }
    const replyHeaders = { ...headers, ...step.headers };
    if (!body.stream) return HttpResponse.json(openAIChatCompletion(step, model), { headers: replyHeaders });
    const chunks = openAIChatChunks(step, model, body.stream_options?.include_usage === true);
    const events = chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`);
    events.push('data: [DONE]\n\n');
    // The first chunk carries only the role: the text pieces start at the second.
    return new HttpResponse(eventStream(events, streamTiming(step, request.signal, 1)), { headers: { ...replyHeaders, 'content-type': 'text/event-stream; charset=utf-8' } });
  };

  return {
    handlers: [
      http.post(`${base}/chat/completions`, ({ request }) => answer(request, 'chat')),
      http.post(`${base}/responses`, ({ request }) => answer(request, 'responses')),
      http.post(`${base}/embeddings`, ({ request }) => answer(request, 'embeddings')),
    ],
    requests,
    setScript: (script) => queue.reset(script),
  };
}
