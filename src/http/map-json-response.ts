import { ResponseParseError } from '../errors/response-parse-error.ts';
import { redactSecrets } from './redact-secrets.ts';
import { toResponseParseError } from './to-response-parse-error.ts';

/**
 * Parses a whole response body as JSON and maps it with `map`. A body that is not JSON, or JSON of a shape `map`
 * cannot read (it throws), becomes a `ResponseParseError` keeping the raw text with credentials scrubbed (a gateway's
 * error page may echo request headers); a Switchyard error thrown by `map` passes through as it is.
 */
export function mapJsonResponse<T, R>(text: string, ctx: { provider: string; secrets?: readonly string[] }, map: (json: T) => R): R {
  let json: T;
  try {
    json = JSON.parse(text) as T;
  } catch (error) {
    throw new ResponseParseError(`${ctx.provider} sent a response that is not JSON.`, { rawText: redactSecrets(text, ctx.secrets), provider: ctx.provider, cause: error });
  }
  try {
    return map(json);
  } catch (error) {
    throw toResponseParseError(error, text, ctx);
  }
}
