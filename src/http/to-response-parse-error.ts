import { ResponseParseError } from '../errors/response-parse-error.ts';
import { SwitchyardError } from '../errors/switchyard-error.ts';
import { redactSecrets } from './redact-secrets.ts';

/**
 * The error for a response that parsed as JSON but whose shape could not be read (`null`, an array where an object
 * belongs, a `null` part): a `ResponseParseError` keeping the raw text with credentials scrubbed. A Switchyard error
 * (a prompt block, a count mismatch) passes through as it is. For the error path only: adapters call it from a `catch`.
 */
export function toResponseParseError(error: unknown, rawText: string, ctx: { provider: string; secrets?: readonly string[] }): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ResponseParseError(`${ctx.provider} sent a response of an unexpected shape (${detail}).`, { rawText: redactSecrets(rawText, ctx.secrets), provider: ctx.provider, cause: error });
}
