import { randomUUID } from 'node:crypto';
import { azureChatChunks, azureChatCompletion, azureErrorBody } from './azure-openai-wire.ts';
import type { ProviderMock } from './create-openai-mock.ts';
import { answerOpenAIResponses } from './answer-openai-responses.ts';
import { applyLatency, captureRequest, eventStream, retryHeaders, streamTiming, truncateJson, waitForAbort } from './mock-responses.ts';
import { loadMsw } from './load-msw.ts';
import { ScriptQueue } from './script-queue.ts';
import type { ScriptStep } from './script-step.ts';

/** Options of `createAzureOpenAIMock`. */
export interface AzureOpenAIMockOptions {
  /** The endpoint to answer on, without `/openai`. @default 'https://contoso-eastus.openai.azure.com' */
  endpoint?: string | undefined;
  /** What to answer, one step per request; the last repeats. */
  script: ScriptStep | ScriptStep[];
  /** The model version behind each deployment, reported as `model`. */
  deployments?: Record<string, string> | undefined;
  /** The model reported for deployments not in `deployments`. @default 'gpt-4o-2024-08-06' (chat), 'text-embedding-3-small' (embeddings) */
  servedModel?: string | undefined;
  /** The categories that fire on a `content-filter` finish and on a 400 with code `content_filter`. @default ['sexual'] */
  filteredCategories?: string[] | undefined;
  /** Sent as `x-ms-region`. @default 'East US' */
  region?: string | undefined;
}

/** Azure's 429 headers: `retry-after` in whole seconds, plus `retry-after-ms` / `x-ms-retry-after-ms`. */
function azureRetryHeaders(step: { retryAfterSeconds?: number; retryAfterMs?: number }): Record<string, string> {
  if (step.retryAfterMs !== undefined) return { 'retry-after': String(Math.ceil(step.retryAfterMs / 1000)), 'retry-after-ms': String(step.retryAfterMs), 'x-ms-retry-after-ms': String(step.retryAfterMs) };
  if (step.retryAfterSeconds !== undefined) return { 'retry-after': String(step.retryAfterSeconds), 'retry-after-ms': String(step.retryAfterSeconds * 1000) };
  return {};
}

/**
 * msw handlers that speak Azure OpenAI, on both URL styles: classic
 * `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…` (404 without `api-version`,
 * as Azure answers) and the v1 API `{endpoint}/openai/v1/chat/completions` and `/openai/v1/responses` (the
 * Responses API; deployment in the body's `model`), plus embeddings. Azure's wire quirks are reproduced: the leading stream chunk with `prompt_filter_results`
 * and an empty `id`/`model`, `content_filter_results` per choice, `apim-request-id`, `x-ratelimit-remaining-*`,
 * 429 bodies with code `"429"` and `retry-after-ms`, content-filter 400s with `innererror`. Requests without
 * an `api-key` or bearer token get Azure's 401.
 * @example
 * const mock = createAzureOpenAIMock({ deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: { type: 'text', text: 'Hi' } });
 * server.use(...mock.handlers);
 */
export function createAzureOpenAIMock(options: AzureOpenAIMockOptions): ProviderMock {
  const { http, HttpResponse } = loadMsw();
  const base = (options.endpoint ?? 'https://contoso-eastus.openai.azure.com').replace(/\/+$/, '');
  const queue = new ScriptQueue(options.script);
  const fired = options.filteredCategories ?? ['sexual'];
  const requests: ProviderMock['requests'] = [];

  const answer = async (request: Request, kind: 'chat' | 'responses' | 'embeddings', pathDeployment: string | undefined) => {
    const captured = await captureRequest(request);
    requests.push(captured);
    const url = new URL(request.url);
    const apiVersion = url.searchParams.get('api-version') ?? 'v1';
    const headers: Record<string, string> = { 'apim-request-id': randomUUID(), 'x-ms-region': options.region ?? 'East US', 'x-ratelimit-remaining-requests': '249', 'x-ratelimit-remaining-tokens': '249840' };
    if (pathDeployment !== undefined && !url.searchParams.has('api-version')) {
      return HttpResponse.json({ error: { code: '404', message: 'Resource not found' } }, { status: 404, headers });
    }
    const auth = captured.headers.authorization ?? '';
    if (!captured.headers['api-key'] && !/^Bearer \S+/.test(auth)) {
      return HttpResponse.json(azureErrorBody(401, { apiVersion, retryAfterSeconds: 0, fired }), { status: 401, headers });
    }
    const step = queue.take();
    if (step.type === 'hang') {
      await waitForAbort(request);
      return HttpResponse.error();
    }
    await applyLatency(step);
    if (step.type === 'error' && !(kind === 'responses' && step.inStream && captured.body?.stream)) {
      const retry = step.status === 429 ? azureRetryHeaders(step) : retryHeaders(step);
      const body = azureErrorBody(step.status, { message: step.message, code: step.code, apiVersion, retryAfterSeconds: step.retryAfterSeconds ?? Math.ceil((step.retryAfterMs ?? 1000) / 1000), fired });
      return HttpResponse.json(body, { status: step.status, headers: { ...headers, ...retry, ...step.headers } });
    }
    const body = captured.body ?? {};
    const deployment = pathDeployment ?? body.model;
    const fallback = options.servedModel ?? (kind === 'embeddings' ? 'text-embedding-3-small' : 'gpt-4o-2024-08-06');
    const model = ('model' in step && step.model) || options.deployments?.[deployment] || fallback;
    if (kind === 'responses') return answerOpenAIResponses(step, body, model, headers, request.signal);
    if (step.type === 'error') throw new Error('unreachable: only a Responses stream reports an error in-band');
    if (step.type === 'malformed') {
      const whole = { type: 'text' as const, text: 'This reply is cut off.' };
      if (!body.stream || kind === 'embeddings') return new HttpResponse(truncateJson(azureChatCompletion(whole, model, fired)), { headers: { ...headers, 'content-type': 'application/json' } });
      const [filterChunk, firstChunk] = azureChatChunks(whole, model, false, fired);
      return new HttpResponse(eventStream([`data: ${JSON.stringify(filterChunk)}\n\n`, `data: ${truncateJson(firstChunk)}\n\n`, 'data: [DONE]\n\n']), { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }
    if (kind === 'embeddings' || step.type === 'embeddings') {
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const dims = (step.type === 'embeddings' && step.dimensions) || body.dimensions || 8;
      const vectors = step.type === 'embeddings' && step.vectors ? step.vectors : inputs.map((_, i) => Array.from({ length: dims }, (_, j) => Math.round(((((i + 2) * (j + 5)) % 19) / 19 - 0.5) * 1e6) / 1e6));
      const tokens = (step.type === 'embeddings' && step.inputTokens) || inputs.join(' ').split(/\s+/).length;
      return HttpResponse.json({ object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, { headers });
    }
    if (step.type === 'cut') {
      if (!body.stream) return HttpResponse.error();
      const chunks = azureChatChunks({ type: 'text', text: step.text, chunks: step.chunks }, model, false, fired).slice(0, -1);
      return new HttpResponse(eventStream(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), { chunkDelayMs: step.chunkDelayMs, cut: true, signal: request.signal }), { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }
    const replyHeaders = { ...headers, ...step.headers };
    if (!body.stream) return HttpResponse.json(azureChatCompletion(step, model, fired), { headers: replyHeaders });
    const events = azureChatChunks(step, model, body.stream_options?.include_usage === true, fired).map((c) => `data: ${JSON.stringify(c)}\n\n`);
    events.push('data: [DONE]\n\n');
    // The prompt-filter chunk and the role chunk come before the text pieces.
    return new HttpResponse(eventStream(events, streamTiming(step, request.signal, 2)), { headers: { ...replyHeaders, 'content-type': 'text/event-stream; charset=utf-8' } });
  };

  const classic = (operation: string, kind: 'chat' | 'embeddings') =>
    http.post(`${base}/openai/deployments/:deployment/${operation}`, ({ request, params }) => answer(request, kind, String(params.deployment)));
  const v1 = (operation: string, kind: 'chat' | 'responses' | 'embeddings') => http.post(`${base}/openai/v1/${operation}`, ({ request }) => answer(request, kind, undefined));
  return {
    handlers: [classic('chat/completions', 'chat'), classic('embeddings', 'embeddings'), v1('chat/completions', 'chat'), v1('responses', 'responses'), v1('embeddings', 'embeddings')],
    requests,
    setScript: (script) => queue.reset(script),
  };
}
