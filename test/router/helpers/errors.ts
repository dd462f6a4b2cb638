import { AuthenticationError } from '../../../src/errors/authentication-error.ts';
import { ConnectionError } from '../../../src/errors/connection-error.ts';
import { ContentFilterError } from '../../../src/errors/content-filter-error.ts';
import { ContextLengthError } from '../../../src/errors/context-length-error.ts';
import { InvalidRequestError } from '../../../src/errors/invalid-request-error.ts';
import { ProviderUnavailableError } from '../../../src/errors/provider-unavailable-error.ts';
import { RateLimitError } from '../../../src/errors/rate-limit-error.ts';
import { UnsupportedFeatureError } from '../../../src/errors/unsupported-feature-error.ts';

/** Errors shaped like the ones `mapHttpError` makes from real provider answers. */
export const errors = {
  rateLimit: (provider: string, retryAfterMs?: number) =>
    new RateLimitError(`${provider} (gpt-4o) answered HTTP 429 rate_limit_exceeded: Rate limit reached for requests. Please try again in ${retryAfterMs ?? 1000}ms.`, {
      status: 429,
      provider,
      providerCode: 'rate_limit_exceeded',
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs, headers: { 'retry-after-ms': String(retryAfterMs) } } : {}),
    }),
  unavailable: (provider: string) =>
    new ProviderUnavailableError(`${provider} (gpt-4o) answered HTTP 503: The engine is currently overloaded, please try again later.`, { status: 503, provider, retryable: true }),
  connection: (provider: string) => new ConnectionError(`Could not reach ${provider} (ECONNRESET): socket hang up`, { provider }),
  invalid: (provider: string) =>
    new InvalidRequestError(`${provider} (gpt-4o) answered HTTP 400 invalid_request_error: Invalid value for 'temperature': must be between 0 and 2.`, { status: 400, provider, retryable: false }),
  auth: (provider: string) =>
    new AuthenticationError(`${provider} (gpt-4o) answered HTTP 401 invalid_api_key: Incorrect API key provided. Check the provider's credentials.`, { status: 401, provider, retryable: false }),
  contextLength: (provider: string) =>
    new ContextLengthError(`${provider} (gpt-4o) answered HTTP 400 context_length_exceeded: This model's maximum context length is 128000 tokens.`, { status: 400, provider, providerCode: 'context_length_exceeded', retryable: false }),
  contentFilter: (provider: string) =>
    new ContentFilterError(`${provider} (gpt-4o) answered HTTP 400 content_filter: The response was filtered.`, { status: 400, provider, retryable: false, categories: ['violence'] }),
  unsupported: (provider: string) =>
    new UnsupportedFeatureError(`${provider} cannot send json_schema with api-version 2024-02-01; use 2024-08-01-preview or later.`, { feature: 'json_schema', apiVersion: '2024-02-01', minimumVersion: '2024-08-01-preview', provider }),
};
