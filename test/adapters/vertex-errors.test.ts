import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { AuthenticationError, ContentFilterError, ContextLengthError, InvalidRequestError, ProviderUnavailableError, RateLimitError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-errors-test-token-0123456789';
const MODEL_URL = 'https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-prod/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001';
const generate = new RegExp(`^${MODEL_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:generateContent$`);
const vertex = () => createVertex({ project: 'acme-prod', location: 'europe-west4', accessToken: TOKEN, env: {} });
const chat = () => vertex().chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] }).then(() => undefined, (e: unknown) => e);

function reply(body: object, status: number, headers: Record<string, string> = {}) {
  network.use(http.post(generate, () => HttpResponse.json(body, { status, headers })));
}

describe('Vertex errors', () => {
  it('should map RESOURCE_EXHAUSTED with RetryInfo (and no header) to RateLimitError with retryAfterMs', async () => {
    network.use(...createVertexMock({ script: { type: 'error', status: 429, retryAfterMs: 34_400 }, retryAfterHeader: false }).handlers);
    const error = await chat();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, providerCode: 'RESOURCE_EXHAUSTED', retryable: true, retryAfterMs: 34_400, provider: 'vertex', model: 'gemini-2.0-flash-001' });
    expect((error as RateLimitError).headers['retry-after']).toBeUndefined();
  });

  it('should read RetryInfo beside QuotaFailure, as the Gemini front end sends them', async () => {
    reply({ error: { code: 429, message: 'You exceeded your current quota, please check your plan.', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }] }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' }] } }, 429);
    expect(await chat()).toMatchObject({ code: 'rate_limit', retryAfterMs: 34_400 });
  });

  it('should map a shared-capacity 429 without RetryInfo to RateLimitError without a wait', async () => {
    network.use(...createVertexMock({ script: { type: 'error', status: 429 } }).handlers);
    const error = await chat();
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    expect((error as Error).message).toMatch(/Resource exhausted/);
  });

  it('should map UNAVAILABLE and DEADLINE_EXCEEDED to ProviderUnavailableError (retryable)', async () => {
    network.use(...createVertexMock({ script: [{ type: 'error', status: 503 }, { type: 'error', status: 504 }] }).handlers);
    expect(await chat()).toMatchObject({ code: 'unavailable', status: 503, providerCode: 'UNAVAILABLE', retryable: true });
    const second = await chat();
    expect(second).toBeInstanceOf(ProviderUnavailableError);
    expect(second).toMatchObject({ status: 504, providerCode: 'DEADLINE_EXCEEDED' });
  });

  it('should map INVALID_ARGUMENT about the token limit to ContextLengthError, and other ones to InvalidRequestError', async () => {
    network.use(
      ...createVertexMock({
        script: [
          { type: 'error', status: 400, message: 'The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).' },
          { type: 'error', status: 400, message: '* GenerateContentRequest.generation_config.temperature: must be between 0 and 2\n' },
        ],
      }).handlers,
    );
    const overflow = await chat();
    expect(overflow).toBeInstanceOf(ContextLengthError);
    expect(overflow).toMatchObject({ status: 400, providerCode: 'INVALID_ARGUMENT', retryable: false });
    const invalid = await chat();
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ code: 'invalid_request', providerCode: 'INVALID_ARGUMENT' });
  });

  it('should map PERMISSION_DENIED and UNAUTHENTICATED to AuthenticationError', async () => {
    network.use(...createVertexMock({ script: [{ type: 'error', status: 403 }, { type: 'error', status: 401 }] }).handlers);
    const denied = await chat();
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(denied).toMatchObject({ status: 403, providerCode: 'PERMISSION_DENIED', retryable: false });
    expect((denied as Error).message).toMatch(/credentials .* permissions/);
    expect(await chat()).toMatchObject({ code: 'authentication', status: 401, providerCode: 'UNAUTHENTICATED' });
  });

  it('should map a retired model (NOT_FOUND) to InvalidRequestError', async () => {
    network.use(...createVertexMock({ script: { type: 'error', status: 404 } }).handlers);
    const error = await chat();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 404, providerCode: 'NOT_FOUND' });
  });

  it('should read an array-wrapped error body', async () => {
    reply([{ error: { code: 429, message: 'Resource exhausted. Please try again later.', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }] } }], 429);
    expect(await chat()).toMatchObject({ code: 'rate_limit', retryAfterMs: 2000 });
  });

  it('should throw ContentFilterError when the prompt is blocked', async () => {
    reply({ promptFeedback: { blockReason: 'SAFETY', safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] }, usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 }, modelVersion: 'gemini-2.0-flash-001', responseId: 'EXCPatOAKMrQjMcPteHVmQo' }, 200);
    const error = await chat();
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({ status: 200, providerCode: 'SAFETY', categories: ['SAFETY', 'HARM_CATEGORY_DANGEROUS_CONTENT'], retryable: false });
  });

  it('should report an output block and the token limit as finish reasons', async () => {
    network.use(...createVertexMock({ script: [{ type: 'text', text: 'Here is how to', finishReason: 'content-filter' }, { type: 'text', text: 'A long answer that', finishReason: 'length' }] }).handlers);
    const filtered = await vertex().chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] });
    expect(filtered).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'SAFETY', contentFilter: { categories: ['HARM_CATEGORY_DANGEROUS_CONTENT'] } });
    const long = await vertex().chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] });
    expect(long).toMatchObject({ finishReason: 'length', rawFinishReason: 'MAX_TOKENS', text: 'A long answer that' });
  });

  it('should count tool-use prompt tokens as input, so that input + output = total', async () => {
    const usage = { promptTokenCount: 120, candidatesTokenCount: 60, thoughtsTokenCount: 0, toolUsePromptTokenCount: 310, totalTokenCount: 490, trafficType: 'ON_DEMAND' };
    reply({ candidates: [{ content: { role: 'model', parts: [{ text: 'Grounded answer.' }] }, finishReason: 'STOP' }], usageMetadata: usage, modelVersion: 'gemini-2.0-flash-001', responseId: 'hRkpabCwNqPkodAP9N2GsQk' }, 200);
    const result = await vertex().chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'News?' }] });
    expect(result.usage).toEqual({ inputTokens: 430, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 60, reasoningTokens: 0, totalTokens: 490, raw: usage });
  });
});
