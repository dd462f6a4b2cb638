import { describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors/abort-error.ts';
import { AllAttemptsFailedError } from '../../src/errors/all-attempts-failed-error.ts';
import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { BudgetExceededError } from '../../src/errors/budget-exceeded-error.ts';
import { ConnectionError } from '../../src/errors/connection-error.ts';
import { ContextLengthError } from '../../src/errors/context-length-error.ts';
import { InvalidRequestError } from '../../src/errors/invalid-request-error.ts';
import { NoRouteError } from '../../src/errors/no-route-error.ts';
import { ProviderUnavailableError } from '../../src/errors/provider-unavailable-error.ts';
import { QuotaExhaustedError } from '../../src/errors/quota-exhausted-error.ts';
import { RateLimitError } from '../../src/errors/rate-limit-error.ts';
import { StateUnavailableError } from '../../src/errors/state-unavailable-error.ts';
import { StreamInterruptedError } from '../../src/errors/stream-interrupted-error.ts';
import { SwitchyardError } from '../../src/errors/switchyard-error.ts';
import { TimeoutError } from '../../src/errors/timeout-error.ts';
import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { toOpenAIError } from '../../src/gateway/to-openai-error.ts';

const NOW = Date.UTC(2026, 11, 1, 22, 0, 0);
const context = { budgetPeriods: new Map<string, 'day' | 'month'>([['tenant acme, per day', 'day'], ['all calls, per month', 'month']]), now: NOW };
const map = (error: unknown) => toOpenAIError(error, context);
const attempts = [{ provider: 'a', model: 'm', outcome: 'error' as const, latencyMs: 3 }];

describe('toOpenAIError', () => {
  it('should map request errors to 400, with the SDK validation message and its field', () => {
    // Request validation at the boundary raises InvalidRequestError with the field at fault (`field`, sent as `param`).
    const validation = new InvalidRequestError('messages[0].content: expected a string or parts, found a number', { status: 400, retryable: false, local: true, field: 'messages[0].content' });
    expect(map(validation)).toEqual({ status: 400, error: { message: 'messages[0].content: expected a string or parts, found a number', type: 'invalid_request_error', code: 'invalid_request', param: 'messages[0].content' }, headers: { 'x-switchyard-error-code': 'invalid_request' }, switchyardCode: 'invalid_request' });
    const upstream = new InvalidRequestError("Unsupported value: 'temperature'", { status: 400, retryable: false, providerCode: 'unsupported_value' });
    expect(map(upstream).error.code).toBe('unsupported_value');
    expect(map(new ContextLengthError('too long', { status: 400, retryable: false })).error).toMatchObject({ code: 'context_length_exceeded', param: 'messages' });
    const unsupported = map(new UnsupportedFeatureError('azure (api-version 2024-06-01): json_schema needs 2024-08-01-preview or later', { feature: 'json_schema', apiVersion: '2024-06-01', minimumVersion: '2024-08-01-preview' }));
    expect(unsupported).toMatchObject({ status: 400, error: { type: 'invalid_request_error', code: 'unsupported_parameter' }, headers: { 'x-switchyard-error-code': 'unsupported_feature' } });
  });

  it('should map a spent provider quota to OpenAI’s insufficient_quota 429, which clients do not retry', () => {
    const quota = map(new QuotaExhaustedError('You exceeded your current quota, please check your plan and billing details.', { status: 429, retryable: false, providerCode: 'insufficient_quota' }));
    expect(quota).toEqual({
      status: 429,
      error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota', param: null },
      headers: { 'x-should-retry': 'false', 'x-switchyard-error-code': 'quota_exhausted' },
      switchyardCode: 'quota_exhausted',
    });
  });

  it('should answer 503 with retry-after while the shared state is unreachable', () => {
    expect(map(new StateUnavailableError('Redis at 127.0.0.1:6379/0 did not answer within state.timeoutMs (250 ms)'))).toMatchObject({ status: 503, error: { type: 'server_error', code: 'state_unavailable' }, headers: { 'retry-after': '1', 'x-switchyard-error-code': 'state_unavailable' } });
  });

  it('should map rate limits, Switchyard’s own included, to 429 with retry-after', () => {
    const upstream = map(new RateLimitError('slow down', { status: 429, retryable: true, retryAfterMs: 1500, kind: 'tokens' }));
    expect(upstream).toMatchObject({ status: 429, error: { type: 'tokens', code: 'rate_limit_exceeded' }, headers: { 'retry-after': '2', 'retry-after-ms': '1500' } });
    const local = map(new RateLimitError('every target of chat is at its limit (limits.requestsPerMinute)', { status: 429, retryable: true, retryAfterMs: 250, local: true, kind: 'requests' }));
    expect(local).toMatchObject({ status: 429, error: { type: 'requests', code: 'rate_limit_exceeded' }, headers: { 'retry-after': '1', 'retry-after-ms': '250' } });
    // A limit on calls in flight with no latency measured yet: no wait is known, but capacity frees as calls end.
    const inFlight = map(new RateLimitError('Every target of chat is at a limit; capacity frees when a call in flight ends', { status: 429, retryable: true, local: true, kind: 'concurrency' }));
    expect(inFlight).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    expect(inFlight.headers['retry-after-ms']).toBeUndefined();
    expect(map(new RateLimitError('429', { status: 429, retryable: true })).headers['retry-after']).toBeUndefined();
  });

  it('should map a spent budget to 429 until the end of its period, telling clients not to retry sooner', () => {
    const daily = map(new BudgetExceededError('Budget "tenant acme, per day" is spent', { budgets: ['tenant acme, per day'] }));
    expect(daily).toMatchObject({ status: 429, error: { type: 'insufficient_quota', code: 'insufficient_quota' }, headers: { 'retry-after': String(2 * 3600), 'x-should-retry': 'false' } });
    const monthly = map(new BudgetExceededError('spent', { budgets: ['all calls, per month'] }));
    expect(monthly.headers['retry-after']).toBe(String(30 * 86_400 + 2 * 3600));
  });

  it('should map upstream failures to 502, 503 and 504, and never pass on a stack', () => {
    expect(map(new ProviderUnavailableError('overloaded', { status: 503, retryable: true, retryAfterMs: 30_000 }))).toMatchObject({ status: 503, error: { code: 'upstream_unavailable' }, headers: { 'retry-after': '30' } });
    expect(map(new ConnectionError('socket hang up'))).toMatchObject({ status: 502, error: { code: 'upstream_connection_error' } });
    expect(map(new StreamInterruptedError('cut', { partsDelivered: 3, charactersDelivered: 9 }))).toMatchObject({ status: 502, error: { code: 'stream_interrupted' } });
    expect(map(new TimeoutError('deadline', { timeoutMs: 1000 }))).toMatchObject({ status: 504, error: { code: 'upstream_timeout' } });
    expect(map(new AuthenticationError('Incorrect API key provided', { status: 401, retryable: false }))).toMatchObject({ status: 502, error: { code: 'upstream_authentication' } });
    expect(map(new NoRouteError('No route for model "x"', { model: 'x', aliases: [] }))).toMatchObject({ status: 404, error: { code: 'model_not_found' } });
    expect(map(new SwitchyardError('closed', 'closed'))).toMatchObject({ status: 503, error: { code: 'server_shutting_down' } });
    expect(map(new AbortError())).toMatchObject({ status: 503 });
    const bug = map(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug).toMatchObject({ status: 500, error: { code: 'internal_error' } });
    expect(bug.error.message).not.toContain('Cannot read');
  });

  it('should map a code it does not know by its retry hint, so that codes added later are never a 500', () => {
    expect(map(Object.assign(new SwitchyardError('state_unavailable', 'Redis is down'), { retryAfterMs: 100 }))).toMatchObject({ status: 503 });
    expect(map(new SwitchyardError('something_new', 'new failure'))).toMatchObject({ status: 502, error: { code: 'something_new', message: 'new failure' } });
  });

  it('should answer every target failing as its failures say: 429 only when all were rate limits', () => {
    const rate = (ms: number) => new RateLimitError('429', { status: 429, retryable: true, retryAfterMs: ms });
    const allLimited = map(new AllAttemptsFailedError('No target of chat could serve', { attempts, errors: [rate(20_000), rate(7_000)] }));
    expect(allLimited).toMatchObject({ status: 429, headers: { 'retry-after': '7', 'x-switchyard-error-code': 'all_attempts_failed' }, error: { message: 'No target of chat could serve' } });
    const mixed = map(new AllAttemptsFailedError('No target', { attempts, errors: [new ProviderUnavailableError('503', { status: 503, retryable: true }), rate(1000)] }));
    expect(mixed.status).toBe(503);
    const timedOut = map(new AllAttemptsFailedError('No target', { attempts, errors: [rate(1000), new TimeoutError('slow', { timeoutMs: 5, kind: 'attempt' })] }));
    expect(timedOut.status).toBe(504);
    const clientFault = map(new AllAttemptsFailedError('No target', { attempts, errors: [new SwitchyardError('unsupported_feature', 'no tools here')] }));
    expect(clientFault.status).toBe(400);
    const quota = () => new QuotaExhaustedError('You exceeded your current quota', { status: 429, retryable: false, providerCode: 'insufficient_quota' });
    expect(map(new AllAttemptsFailedError('No target', { attempts, errors: [quota(), quota()] }))).toMatchObject({ status: 429, error: { code: 'insufficient_quota' }, headers: { 'x-should-retry': 'false' } });
    // One target may free up: a rate limit, with its wait.
    expect(map(new AllAttemptsFailedError('No target', { attempts, errors: [quota(), rate(3000)] }))).toMatchObject({ status: 429, error: { code: 'rate_limit_exceeded' }, headers: { 'retry-after': '3' } });
    expect(map(new AllAttemptsFailedError('No target', { attempts, errors: [new ProviderUnavailableError('503', { status: 503, retryable: true }), quota()] })).status).toBe(503);
    const skipped = map(new AllAttemptsFailedError('every circuit is open', { attempts: [], errors: [] }));
    expect(skipped).toMatchObject({ status: 503, error: { code: 'no_available_target' } });
  });
});
