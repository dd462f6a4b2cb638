import { ConnectionError } from '../errors/connection-error.ts';
import type { SwitchyardError } from '../errors/switchyard-error.ts';
import { redactSecrets } from './redact-secrets.ts';
import type { RequestContext } from './request-context.ts';

/**
 * The underlying error with credentials scrubbed: a `fetch` that rejects a header value quotes it in its message
 * (`Headers.append: "Bearer sk-…" is an invalid header value`), so such an error is replaced by a copy with the
 * same name and code and a scrubbed message.
 */
function scrubCause(error: unknown, secrets: readonly string[] | undefined): unknown {
  if (!secrets || secrets.length === 0) return error;
  if (typeof error === 'string') return redactSecrets(error, secrets);
  if (!(error instanceof Error)) return error;
  const message = redactSecrets(error.message, secrets);
  if (message === error.message) return error;
  const copy = new Error(message);
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) (copy as Error & { code?: unknown }).code = code;
  return copy;
}

/**
 * Turns a failure of the transport or of reading a body into a typed error: the deadline's reason
 * (`AbortError`, `TimeoutError`) when it fired, else `ConnectionError` (credentials scrubbed from its message and cause).
 */
export function toTransportError(error: unknown, ctx: RequestContext): SwitchyardError {
  const reason = ctx.deadline.reason();
  if (reason) return reason;
  const code = (error as { code?: string } | undefined)?.code;
  const detail = redactSecrets(error instanceof Error ? error.message : String(error), ctx.secrets);
  return new ConnectionError(`Could not reach ${ctx.provider}${code ? ` (${code})` : ''}: ${detail}`, { provider: ctx.provider, cause: scrubCause(error, ctx.secrets) });
}
