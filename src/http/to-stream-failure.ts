import { AbortError } from '../errors/abort-error.ts';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.ts';
import { SwitchyardError } from '../errors/switchyard-error.ts';
import type { RequestContext } from './request-context.ts';
import { toTransportError } from './to-transport-error.ts';

/**
 * The error a stream ends with: the typed error itself while nothing was delivered (so the router can fail over)
 * or when the caller aborted; once content was delivered, `StreamInterruptedError` carrying the counts and the cause.
 */
export function toStreamFailure(error: unknown, ctx: RequestContext, delivered: number, characters: number): SwitchyardError {
  const typed = SwitchyardError.isInstance(error) ? error : toTransportError(error, ctx);
  if (delivered === 0 || AbortError.isInstance(typed)) return typed;
  return new StreamInterruptedError(`The stream from ${ctx.provider} failed after ${delivered} parts (${characters} characters): ${typed.message}`, {
    partsDelivered: delivered,
    charactersDelivered: characters,
    provider: ctx.provider,
    cause: typed,
  });
}
