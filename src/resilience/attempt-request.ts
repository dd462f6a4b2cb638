import type { RouteTarget } from '../router/route.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import { CHECKED_REQUEST } from '../validation/validate-request.ts';
import type { CallState } from './call-state.ts';

/**
 * The request one attempt sends to its target: the caller's, with the target's model and the attempt's signal (the
 * call's deadline is the router's), and, for chat, the target's capacity settings (`spillover`, `requestType`,
 * `serviceTier`) where the request sets none. The router validated the caller's request, so it is marked checked
 * (`CHECKED_REQUEST`): the adapter does not validate it again (a copy of it is).
 */
export function attemptRequest(target: RouteTarget, call: CallState, signal: AbortSignal): ChatRequest | EmbedRequest {
  const request: (ChatRequest | EmbedRequest) & { [CHECKED_REQUEST]?: object } = { ...call.request, model: target.model, signal, timeoutMs: undefined };
  request[CHECKED_REQUEST] = request;
  const settings = target.capacity.request;
  if (settings && call.operation !== 'embed') {
    const chat = request as ChatRequest;
    if (settings.spillover && chat.spillover === undefined) chat.spillover = settings.spillover;
    if (settings.requestType && chat.requestType === undefined) chat.requestType = settings.requestType;
    if (settings.serviceTier && chat.serviceTier === undefined) chat.serviceTier = settings.serviceTier;
  }
  return request;
}
