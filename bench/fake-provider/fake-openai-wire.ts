import { chunkText, expectedText, PROMPT_TOKENS, SERVED_MODEL } from '../bench-text.ts';
import { joinEvents, type FakeResponse } from './fake-response.ts';

/** `openai` for api.openai.com and OpenAI-compatible servers; `azure` adds Azure's filter results and headers. */
export type OpenAIFlavor = 'openai' | 'azure';

const CREATED = 1_767_225_600;
const FINGERPRINT = 'fp_f33640a400';

function commonHeaders(flavor: OpenAIFlavor, requestId: string): string[] {
  if (flavor === 'azure') {
    return [
      'apim-request-id', requestId,
      'x-request-id', requestId.slice(0, 36),
      'x-ms-region', 'East US 2',
      'x-ratelimit-remaining-requests', '4999',
      'x-ratelimit-limit-requests', '5000',
      'x-ratelimit-remaining-tokens', '799950',
      'x-ratelimit-limit-tokens', '800000',
      'x-content-type-options', 'nosniff',
      'strict-transport-security', 'max-age=31536000; includeSubDomains; preload',
      'x-ms-rai-invoked', 'true',
      'x-ms-deployment-name', 'gpt-4o',
      'azureml-model-session', 'd117-20250723210506',
    ];
  }
  return [
    'openai-organization', 'user-6q2rwb0gxwq7ukcqyxkk3gtc',
    'openai-processing-ms', '338',
    'openai-project', 'proj_Bk7qv0JMdGsHn3Wq0rRsn0Tj',
    'openai-version', '2020-10-01',
    'x-envoy-upstream-service-time', '342',
    'x-ratelimit-limit-requests', '10000',
    'x-ratelimit-limit-tokens', '30000000',
    'x-ratelimit-remaining-requests', '9999',
    'x-ratelimit-remaining-tokens', '29999946',
    'x-ratelimit-reset-requests', '6ms',
    'x-ratelimit-reset-tokens', '0s',
    'x-request-id', requestId,
    'strict-transport-security', 'max-age=31536000; includeSubDomains; preload',
    'cf-cache-status', 'DYNAMIC',
    'x-content-type-options', 'nosniff',
    'server', 'cloudflare',
    'cf-ray', '97a1c5e0bd3f2a41-IAD',
    'alt-svc', 'h3=":443"; ma=86400',
  ];
}

function usage(chunks: number) {
  return {
    prompt_tokens: PROMPT_TOKENS,
    completion_tokens: chunks,
    total_tokens: PROMPT_TOKENS + chunks,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const SAFE = { filtered: false, severity: 'safe' };
const CONTENT_FILTER = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
const PROMPT_FILTER = [{ prompt_index: 0, content_filter_results: { ...CONTENT_FILTER, jailbreak: { filtered: false, detected: false } } }];

/** A non-streaming `chat.completion` whose content is `expectedText(chunks)`. */
export function buildOpenAIChat(flavor: OpenAIFlavor, chunks: number, serial: number): FakeResponse {
  const id = `chatcmpl-Bench${serial.toString(36).padStart(6, '0')}Q4mXk2rLw8Hc1Zt`;
  const choice: Record<string, unknown> = {
    index: 0,
    message: { role: 'assistant', content: expectedText(chunks), refusal: null, annotations: [] },
    logprobs: null,
    finish_reason: 'stop',
  };
  if (flavor === 'azure') choice.content_filter_results = CONTENT_FILTER;
  const json: Record<string, unknown> = { id, object: 'chat.completion', created: CREATED, model: SERVED_MODEL, choices: [choice], usage: usage(chunks) };
  if (flavor === 'azure') {
    json.prompt_filter_results = PROMPT_FILTER;
    json.system_fingerprint = FINGERPRINT;
  } else {
    json.service_tier = 'default';
    json.system_fingerprint = FINGERPRINT;
  }
  const body = Buffer.from(JSON.stringify(json));
  const headers = ['content-type', 'application/json', 'content-length', String(body.length), ...commonHeaders(flavor, `req_${id.slice(9)}`)];
  return { status: 200, headers, body };
}

/**
 * A streamed reply: a role chunk (Azure: a prompt-filter chunk first), `chunks` text chunks, a finish chunk,
 * the usage chunk when the request asked for it (`stream_options.include_usage`), and `[DONE]`.
 */
export function buildOpenAIStream(flavor: OpenAIFlavor, chunks: number, includeUsage: boolean, serial: number): FakeResponse {
  const id = `chatcmpl-Bench${serial.toString(36).padStart(6, '0')}S7nPq3vYe6Ja0Wd`;
  const events: Buffer[] = [];
  const push = (payload: unknown) => events.push(Buffer.from(`data: ${JSON.stringify(payload)}\n\n`));
  const chunk = (delta: object, finish: string | null) => {
    const choice: Record<string, unknown> = { index: 0, delta, logprobs: null, finish_reason: finish };
    if (flavor === 'azure' && finish === null && 'content' in delta && (delta as { content: string }).content) choice.content_filter_results = CONTENT_FILTER;
    const c: Record<string, unknown> = { id, object: 'chat.completion.chunk', created: CREATED, model: SERVED_MODEL, system_fingerprint: flavor === 'azure' ? null : FINGERPRINT, choices: [choice] };
    if (flavor === 'openai') c.service_tier = 'default';
    if (includeUsage) c.usage = null;
    return c;
  };
  let lead = 0;
  if (flavor === 'azure') {
    push({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: PROMPT_FILTER });
    lead++;
  }
  push(chunk({ role: 'assistant', content: '', refusal: null }, null));
  lead++;
  for (let i = 0; i < chunks; i++) push(chunk({ content: chunkText(i) }, null));
  push(chunk({}, 'stop'));
  if (includeUsage) {
    const u: Record<string, unknown> = { id, object: 'chat.completion.chunk', created: CREATED, model: SERVED_MODEL, system_fingerprint: flavor === 'azure' ? null : FINGERPRINT, choices: [], usage: usage(chunks) };
    if (flavor === 'openai') u.service_tier = 'default';
    push(u);
  }
  events.push(Buffer.from('data: [DONE]\n\n'));
  const headers = ['content-type', 'text/event-stream; charset=utf-8', ...commonHeaders(flavor, `req_${id.slice(9)}`)];
  return { status: 200, headers, body: joinEvents(events), events, leadEvents: lead };
}

/** An error reply in OpenAI's (or Azure's) envelope, with `retry-after` on a 429. */
export function buildOpenAIError(flavor: OpenAIFlavor, status: number, retryAfterS: number): FakeResponse {
  let error: Record<string, unknown>;
  if (flavor === 'azure') {
    error =
      status === 429
        ? { code: '429', message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterS} seconds.` }
        : { code: 'InternalServerError', message: 'The service is temporarily unable to process your request. Please try again later.', param: null, type: null };
  } else if (status === 429) {
    error = { message: 'Rate limit reached for gpt-4o in organization org-bench on requests per min (RPM): Limit 10000, Used 10000, Requested 1. Please try again in 6ms.', type: 'requests', param: null, code: 'rate_limit_exceeded' };
  } else if (status === 503) {
    error = { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null };
  } else {
    error = { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null };
  }
  const body = Buffer.from(JSON.stringify({ error }));
  const headers = ['content-type', 'application/json', 'content-length', String(body.length), ...commonHeaders(flavor, `req_err${status}${retryAfterS}`)];
  if (status === 429) headers.push('retry-after', String(retryAfterS), 'retry-after-ms', String(retryAfterS * 1000));
  return { status, headers, body };
}
