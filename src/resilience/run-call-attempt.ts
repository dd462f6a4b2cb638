import type { RouteTarget } from '../router/route.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ChatResult } from '../types/chat-result.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { EmbedResult } from '../types/embed-result.ts';
import { admitAttempt, type Admission } from './admit-attempt.ts';
import { attemptRequest } from './attempt-request.ts';
import { AttemptRun } from './attempt-run.ts';
import type { CallState } from './call-state.ts';

/**
 * One chat or embed attempt at one target: admission (circuit, budget), the provider call with the
 * attempt's own signal and `timeouts.attemptMs`, and its accounting. Rejects at once when the call is
 * aborted or the attempt times out, even if the provider is slow to notice.
 */
export function runCallAttempt<T extends ChatResult | EmbedResult>(target: RouteTarget, call: CallState): Promise<T> {
  let admission: Admission | Promise<Admission>;
  try {
    admission = admitAttempt(target, call);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  // Admitted at once (no shared claim, limits or budget): the request goes out in this tick.
  return admission instanceof Promise ? admission.then((admitted) => sendAttempt<T>(target, call, admitted)) : sendAttempt<T>(target, call, admission);
}

function sendAttempt<T extends ChatResult | EmbedResult>(target: RouteTarget, call: CallState, admission: Admission): Promise<T> {
  const run = new AttemptRun(target, call, admission, call.route.timeouts.attemptMs, 'attempt');
  const request = attemptRequest(target, call, run.signal);
  let pending: Promise<ChatResult | EmbedResult>;
  try {
    pending = call.operation === 'embed' ? target.provider.embed(request as EmbedRequest) : target.provider.chat(request as ChatRequest);
  } catch (error) {
    return Promise.reject(run.fail(error));
  }
  return new Promise<T>((resolve, reject) => {
    run.onFailure(reject);
    pending.then(
      (result) => {
        if (run.ended) return;
        run.onFailure(undefined);
        const cost = run.succeed(result.usage, result.model, result.requestId, (result as ChatResult).capacity, (result as ChatResult).rateLimit);
        result.provider = target.providerId;
        if (cost !== undefined) result.cost = cost;
        if (run.capacity !== undefined) (result as ChatResult).capacity = run.capacity;
        resolve(result as T);
      },
      (error: unknown) => reject(run.fail(error)),
    );
  });
}
