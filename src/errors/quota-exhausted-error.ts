import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/**
 * The provider cannot serve until someone pays: prepaid credits or the plan's quota are used up (HTTP 402, as
 * CoreWeave Serverless Inference answers "You exceeded your current quota, please check your plan and billing
 * details"; OpenAI's 429 `insufficient_quota`). Never retried; in the default `fallbackOn` (class `quota`), and it
 * opens the target's circuit for `circuitBreaker.quotaCooldownMs` (10 minutes by default) rather than the usual
 * cooldown, since waiting a few seconds does not bring credits back. Code `quota_exhausted`.
 */
export class QuotaExhaustedError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('quota_exhausted', message, { ...details, retryable: false });
  }
}
markError(QuotaExhaustedError);
