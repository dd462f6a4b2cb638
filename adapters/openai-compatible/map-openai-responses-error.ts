import type { ProviderApiError } from '../../src/errors/provider-api-error.ts';
import type { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { mapHttpError } from '../../src/http/map-http-error.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The HTTP status that an error code reported inside a Responses stream (or a `failed` response) stands for, so
 * that it gets the same type as the same error answered as an HTTP error: quota and rate limits 429, request faults
 * 400, anything else (`server_error`, `vector_store_timeout`, codes not known here) 500.
 */
function statusOf(code: string | undefined): number {
  if (code === undefined) return 500;
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota' || code === 'too_many_requests') return 429;
  if (code === 'context_length_exceeded' || code === 'content_filter') return 400;
  if (code.startsWith('invalid_') || code.includes('image') || code.endsWith('policy') || code.endsWith('policy_violation') || code === 'data_residency_mismatch') return 400;
  return 500;
}

/**
 * Maps an error the Responses API reported in-band (an `error` stream event, `response.failed`, or a response with
 * `status: failed`) to the typed error the same failure gets as an HTTP error, through `mapHttpError`. Both shapes
 * seen on the wire are read: the top-level `{ code, message, param }` of the `openai` package's `ResponseErrorEvent`,
 * and the nested `{ error: { type, code, message, param } }` that OpenAI sends for `insufficient_quota` (recorded in
 * vercel/ai's `openai-error.1.chunks.txt`).
 */
export function mapOpenAIResponsesError(payload: unknown, input: { headers: Record<string, string>; provider: string; model: string; secrets: readonly string[] }): ProviderApiError | UnsupportedFeatureError {
  const source = isObject(payload) ? payload : {};
  const err: Json = isObject(source.error) ? source.error : source;
  const code = typeof err.code === 'string' ? err.code : typeof err.type === 'string' && err.type !== 'error' ? err.type : undefined;
  const message = typeof err.message === 'string' && err.message !== '' ? err.message : `the response failed${code ? ` (${code})` : ''} with no message`;
  const body = { error: { message, type: typeof err.type === 'string' ? err.type : null, param: err.param ?? null, code: code ?? null } };
  return mapHttpError({ status: statusOf(code), headers: input.headers, body, provider: input.provider, model: input.model, secrets: input.secrets });
}
