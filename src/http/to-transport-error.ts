import { ConnectionError } from '../errors/connection-error.ts';
import type { SwitchyardError } from '../errors/switchyard-error.ts';
import type { RequestContext } from './request-context.ts';

/**
 * Turns a failure of the transport or of reading a body into a typed error: the deadline's reason
 * (`AbortError`, `TimeoutError`) when it fired, else `ConnectionError`.
 */
export function toTransportError(error: unknown, ctx: RequestContext): SwitchyardError {
  const reason = ctx.deadline.reason();
  if (reason) return reason;
  const code = (error as { code?: string } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`Could not reach ${ctx.provider}${code ? ` (${code})` : ''}: ${detail}`, { provider: ctx.provider, cause: error });
}
