import { describe, expect, it } from 'vitest';
import { AuthenticationError, ContentFilterError, ContextLengthError, InvalidRequestError, ProviderUnavailableError, QuotaExhaustedError, RateLimitError, SwitchyardError, UnsupportedFeatureError, type ProviderApiError } from '../../src/errors/index.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';
import { parseRetryAfter } from '../../src/http/parse-retry-after.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it.each([
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'x-ms-retry-after-ms': '250.5' }, 251],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Mon, 23 Nov 2026 12:00:05 GMT' }, 5000],
    [{ 'retry-after': 'Mon, 23 Nov 2026 11:59:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after-ms': '800', 'retry-after': '9' }, 800],
    [{}, undefined],
  ])('should read %j as %s ms', (headers, expected) => {
    expect(parseRetryAfter(headers as Record<string, string>, now)).toBe(expected);
  });
});

describe('mapHttpError', () => {
  it('should map OpenAI statuses and codes to the taxonomy', () => {
    expect(mapHttpError({ status: 401, body: '{"error":{"message":"bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}' })).toBeInstanceOf(AuthenticationError);
    expect(mapHttpError({ status: 403, body: '' })).toBeInstanceOf(AuthenticationError);
    expect(mapHttpError({ status: 400, body: '{"error":{"message":"This model\'s maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}' })).toBeInstanceOf(ContextLengthError);
    expect(mapHttpError({ status: 422, body: '{"detail":"bad"}' })).toBeInstanceOf(InvalidRequestError);
    expect(mapHttpError({ status: 408, body: '' })).toMatchObject({ code: 'unavailable', retryable: true });
    expect(mapHttpError({ status: 502, body: '<html>Bad gateway</html>' })).toBeInstanceOf(ProviderUnavailableError);
  });

  it('should treat quota that needs a person (OpenAI insufficient_quota, a 402) as exhausted quota, never retried', () => {
    const quota = mapHttpError({ status: 429, body: '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}' });
    expect(quota).toBeInstanceOf(QuotaExhaustedError);
    expect(RateLimitError.isInstance(quota)).toBe(false);
    expect(quota).toMatchObject({ code: 'quota_exhausted', retryable: false, status: 429 });
    const credits = mapHttpError({ status: 402, headers: { 'x-should-retry': 'true' }, body: '{"error":"You exceeded your current quota, please check your plan and billing details"}', provider: 'cw' });
    expect(credits).toMatchObject({ code: 'quota_exhausted', retryable: false, status: 402 });
    expect(credits.message).toBe('cw answered HTTP 402: You exceeded your current quota, please check your plan and billing details The account\'s credits or quota are used up: add credits or raise the plan\'s limit.');
  });

  it('should mark a 429 about requests in flight as a concurrency limit, and leave the others without a kind', () => {
    const concurrency = mapHttpError({ status: 429, body: '{"error":"Concurrency limit reached for requests"}' });
    expect(concurrency).toBeInstanceOf(RateLimitError);
    expect(concurrency).toMatchObject({ code: 'rate_limit', kind: 'concurrency', retryable: true, local: false });
    expect(mapHttpError({ status: 429, body: '{"error":{"message":"Concurrency limit reached for requests","type":"rate_limit_error","param":null,"code":429}}' })).toMatchObject({ kind: 'concurrency' });
    expect(mapHttpError({ status: 429, body: 'Concurrency limit reached for requests' })).toMatchObject({ kind: 'concurrency' });
    const rate = mapHttpError({ status: 429, body: '{"error":{"message":"Rate limit reached for requests. Please try again in 1s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}' });
    expect((rate as RateLimitError).kind).toBeUndefined();
  });

  it('should honour x-should-retry', () => {
    expect(mapHttpError({ status: 500, headers: { 'x-should-retry': 'false' } }).retryable).toBe(false);
    expect(mapHttpError({ status: 400, headers: { 'x-should-retry': 'true' } }).retryable).toBe(true);
  });

  it('should read Azure content filter errors in both spellings', () => {
    for (const [inner, results] of [['innererror', 'content_filter_result'], ['inner_error', 'content_filter_results']]) {
      const error = mapHttpError({
        status: 400,
        headers: { 'apim-request-id': 'a1b2c3' },
        body: JSON.stringify({ error: { message: 'The response was filtered due to the prompt triggering Azure OpenAI\'s content management policy.', type: null, param: 'prompt', code: 'content_filter', status: 400, [inner as string]: { code: 'ResponsibleAIPolicyViolation', [results as string]: { hate: { filtered: false, severity: 'safe' }, jailbreak: { filtered: false, detected: false }, sexual: { filtered: true, severity: 'high' }, violence: { filtered: true, severity: 'medium' } } } } }),
      });
      expect(error).toBeInstanceOf(ContentFilterError);
      expect(error).toMatchObject({ code: 'content_filter', categories: ['sexual', 'violence'], requestId: 'a1b2c3' });
    }
  });

  it('should read google.rpc errors, array-wrapped ones and RetryInfo', () => {
    const body = [{ error: { code: 429, message: 'Resource exhausted. Please try again later.', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' }] } }];
    expect(mapHttpError({ status: 429, body: JSON.stringify(body) })).toMatchObject({ code: 'rate_limit', retryAfterMs: 34400, providerCode: 'RESOURCE_EXHAUSTED' });
    expect(mapHttpError({ status: 400, body: '{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}' })).toBeInstanceOf(ContextLengthError);
    expect(mapHttpError({ status: 403, body: '{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}' })).toBeInstanceOf(AuthenticationError);
    expect(mapHttpError({ status: 503, body: '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}' })).toBeInstanceOf(ProviderUnavailableError);
  });

  it('should keep response headers but drop sensitive ones, and scrub secrets from the body', () => {
    const error = mapHttpError({ status: 401, headers: { 'set-cookie': 'session=abc', 'x-request-id': 'req_1', 'www-authenticate': 'Bearer error="invalid_token", token="sk-secret-value"' }, body: 'key sk-secret-value rejected', secrets: ['sk-secret-value'] }) as ProviderApiError;
    expect(error.headers).toEqual({ 'x-request-id': 'req_1', 'www-authenticate': 'Bearer error="invalid_token", token="[REDACTED]"' });
    expect(error.body).toBe('key [REDACTED] rejected');
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
  });
});

describe('mapHttpError for open-model servers', () => {
  const llama = (code: number, type: string, message: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error: { code, message, type, ...extra } });

  it('should take the string type as providerCode over an integer code, and name the status once', () => {
    const error = mapHttpError({ status: 400, provider: 'llama', model: 'tiny-random', body: llama(400, 'invalid_request_error', "Field 'n': Value must be between 1 <= value <= 2, but got 5") });
    expect(error).toMatchObject({ code: 'invalid_request', providerCode: 'invalid_request_error' });
    expect(error.message).toBe("llama (tiny-random) answered HTTP 400 invalid_request_error: Field 'n': Value must be between 1 <= value <= 2, but got 5");
    // A string code still wins over the type (OpenAI), google.rpc status over both; an integer alone is kept, not printed.
    expect(mapHttpError({ status: 429, body: '{"error":{"message":"Rate limit","type":"requests","code":"rate_limit_exceeded"}}' }).providerCode).toBe('rate_limit_exceeded');
    expect(mapHttpError({ status: 503, body: '{"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}' }).providerCode).toBe('UNAVAILABLE');
    const bare = mapHttpError({ status: 500, provider: 'p', body: '{"error":{"code":500,"message":"boom"}}' });
    expect(bare.providerCode).toBe('500');
    expect(bare.message).toBe('p answered HTTP 500: boom');
  });

  it('should read the context-length numbers of every wording it knows', () => {
    const cases: Array<[number, string, Record<string, number>]> = [
      [400, llama(400, 'exceed_context_size_error', 'request (5030 tokens) exceeds the available context size (2048 tokens), try increasing it', { n_prompt_tokens: 5030, n_ctx: 2048 }), { contextWindow: 2048, promptTokens: 5030 }],
      [400, llama(400, 'exceed_context_size_error', 'the request exceeds the available context size, try increasing it'), {}],
      [400, '{"error":{"message":"This model\'s maximum context length is 2048 tokens. However, your request has 5030 input tokens. Please reduce the length of the input messages.","type":"BadRequestError","param":"input_tokens","code":400}}', { contextWindow: 2048, promptTokens: 5030 }],
      [400, '{"error":{"message":"Input length (196905) exceeds model\'s maximum context length (196608).","type":"BadRequestError","param":null,"code":400}}', { contextWindow: 196608, promptTokens: 196905 }],
      [400, '{"error":{"message":"This model\'s maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}', { contextWindow: 8192, promptTokens: 8000, maxTokens: 1000 }],
      [400, '{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}', { contextWindow: 1048576, promptTokens: 1200000 }],
    ];
    for (const [status, body, numbers] of cases) {
      const error = mapHttpError({ status, body });
      expect(error, body).toBeInstanceOf(ContextLengthError);
      const { contextWindow, promptTokens, maxTokens } = error as ContextLengthError;
      expect(JSON.parse(JSON.stringify({ contextWindow, promptTokens, maxTokens })), body).toEqual(numbers);
    }
  });

  it('should map 501 and not-supported types to UnsupportedFeatureError naming the operation', () => {
    const llama501 = mapHttpError({ status: 501, provider: 'llama', operation: 'embeddings', headers: { 'x-request-id': 'r1' }, body: llama(501, 'not_supported_error', 'This server does not support embeddings. Start it with `--embeddings`') });
    expect(llama501).toBeInstanceOf(UnsupportedFeatureError);
    expect(llama501).toMatchObject({ code: 'unsupported_feature', feature: 'embeddings', status: 501, providerCode: 'not_supported_error', requestId: 'r1', retryable: false, provider: 'llama' });
    expect((llama501 as UnsupportedFeatureError).body).toContain('--embeddings');
    // A bare 501 (a proxy) is the same; so is the type under another status.
    expect(mapHttpError({ status: 501, body: 'Not Implemented' })).toMatchObject({ code: 'unsupported_feature', feature: 'HTTP 501' });
    expect(mapHttpError({ status: 500, operation: 'chat/completions', body: '{"error":{"message":"json_object is not supported","type":"NotImplementedError","param":null,"code":500}}' })).toMatchObject({ code: 'unsupported_feature', feature: 'chat/completions' });
  });

  it('should map a 5xx that blames the request to InvalidRequestError, and keep other 5xx outages', () => {
    const blamed = [
      llama(500, 'server_error', '"prompt" must not be empty'),
      llama(500, 'server_error', 'Failed to parse tool call arguments as JSON: [json.exception.parse_error.101] parse error at line 1, column 9'),
      llama(500, 'server_error', "[json.exception.type_error.302] type must be string, but is number"),
      '{"error":{"message":"Invalid request","type":"invalid_request_error","code":500}}',
    ];
    for (const body of blamed) expect(mapHttpError({ status: 500, body }), body).toMatchObject({ code: 'invalid_request', status: 500, retryable: false });
    for (const body of [llama(500, 'server_error', 'failed to decode the batch'), llama(503, 'unavailable_error', 'Loading model'), '{"error":{"message":"Engine loop has died","type":"InternalServerError","param":null,"code":500}}', '<html>502 Bad Gateway</html>']) {
      expect(mapHttpError({ status: body.includes('503') ? 503 : 500, body }), body).toMatchObject({ code: 'unavailable', retryable: true });
    }
    // An explicit x-should-retry still decides.
    expect(mapHttpError({ status: 500, headers: { 'x-should-retry': 'true' }, body: llama(500, 'server_error', '"prompt" must not be empty') }).retryable).toBe(true);
  });

  it('should read the flat error object of older vLLM', () => {
    const error = mapHttpError({ status: 400, body: '{"object":"error","message":"This model\'s maximum context length is 32768 tokens. However, you requested 32818 tokens in the messages, Please reduce the length of the messages.","type":"BadRequestError","param":null,"code":400}' });
    expect(error).toMatchObject({ code: 'context_length', providerCode: 'BadRequestError', contextWindow: 32768, promptTokens: 32818 });
  });
});
