import type { RouteTarget } from '../router/route.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { StreamPart } from '../types/stream-part.ts';
import { admitAttempt } from './admit-attempt.ts';
import { attemptRequest } from './attempt-request.ts';
import { AttemptRun } from './attempt-run.ts';
import type { CallState } from './call-state.ts';
import { StreamAttempt } from './stream-attempt.ts';

/**
 * Opens a stream attempt at one target and waits for its first content part, under
 * `min(timeouts.firstTokenMs, timeouts.attemptMs)`. Rejects with the typed error of a failure before it,
 * which the router may retry or fail over. After it, `timeouts.idleMs` (or the request's `idleTimeoutMs`) ends the
 * attempt when the provider sends no part for that long.
 */
export async function openStreamAttempt(target: RouteTarget, call: CallState): Promise<StreamAttempt> {
  const admitted = admitAttempt(target, call);
  // Admitted at once (no shared claim, limits or budget): no wait before the request goes out.
  const admission = admitted instanceof Promise ? await admitted : admitted;
  const { attemptMs, firstTokenMs } = call.route.timeouts;
  const firstToken = firstTokenMs !== undefined && (attemptMs === undefined || firstTokenMs <= attemptMs);
  const request = call.request as ChatRequest;
  const idleMs = request.idleTimeoutMs ?? call.route.timeouts.idleMs;
  const run = new AttemptRun(target, call, admission, firstToken ? firstTokenMs : attemptMs, firstToken ? 'first-token' : 'attempt', idleMs !== undefined);
  let inner: AsyncIterator<StreamPart>;
  try {
    // The deadlines are the router's: the provider gets none of its own (no second timer).
    const attempt = attemptRequest(target, call, run.signal) as ChatRequest;
    attempt.idleTimeoutMs = undefined;
    inner = (target.streamPinning?.provider ?? target.provider).stream(attempt)[Symbol.asyncIterator]();
  } catch (error) {
    throw run.fail(error);
  }
  const stream = new StreamAttempt(run, inner, target, call, idleMs);
  try {
    await stream.open();
  } catch (error) {
    inner.return?.()?.catch(() => undefined);
    throw error;
  }
  return stream;
}
