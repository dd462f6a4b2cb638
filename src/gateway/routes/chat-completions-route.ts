import type { ChatRequest } from '../../types/chat-request.ts';
import type { StreamPart } from '../../types/stream-part.ts';
import { formatCostUsd, type GatewayExchange } from '../gateway-exchange.ts';
import type { GatewayRoute } from '../gateway-route.ts';
import { ChatStreamWriter, type StreamSummary } from '../wire/chat-stream-writer.ts';
import { mapChatRequest } from '../wire/map-chat-request.ts';
import { mapChatResult } from '../wire/map-chat-result.ts';

type FinishPart = Extract<StreamPart, { type: 'finish' }>;

async function complete(exchange: GatewayExchange, request: ChatRequest): Promise<void> {
  const result = await exchange.core.switchyard.chat(request);
  const id = exchange.core.ids.next('chatcmpl');
  if (result.rateLimit && result.provider) exchange.core.metrics.rateLimit(result.provider, lastModel(result.attempts) ?? result.model, result.rateLimit);
  exchange.json(200, JSON.stringify(mapChatResult(result, id, Math.floor(exchange.core.now() / 1000))), exchange.switchyardHeaders(result));
}

/** The model sent to the provider that served the call: its last attempt's. */
function lastModel(attempts: FinishPart['attempts']): string | undefined {
  return attempts?.[attempts.length - 1]?.model;
}

/**
 * Streams: nothing is sent until the router delivered the first part, so that a failure before the first content
 * (which the router fails over from, invisibly) can still be answered with a proper status. From the first part on
 * the answer is SSE; a failure after it ends the stream with an in-band `error` event and no `[DONE]`.
 */
async function stream(exchange: GatewayExchange, request: ChatRequest, includeUsage: boolean): Promise<void> {
  const iterator = exchange.core.switchyard.stream(request)[Symbol.asyncIterator]();
  let result = await iterator.next();
  const writer = new ChatStreamWriter(exchange.res, { id: exchange.core.ids.next('chatcmpl'), created: Math.floor(exchange.core.now() / 1000), model: request.model, includeUsage });
  writer.start(exchange.baseHeaders());
  let finish: FinishPart | undefined;
  const summary = (): StreamSummary => ({ provider: finish?.provider, attempts: finish?.attempts, costUsd: finish?.cost === undefined ? undefined : formatCostUsd(finish.cost), finishReason: finish?.finishReason ?? 'stop' });
  try {
    while (!result.done) {
      const part = result.value;
      if (part.type === 'finish') {
        finish = part;
        if (part.rateLimit && part.provider) exchange.core.metrics.rateLimit(part.provider, lastModel(part.attempts) ?? part.model, part.rateLimit);
      }
      const ready = writer.part(part, summary);
      if (part.type === 'finish') return;
      if (ready !== true) await ready;
      if (exchange.clientGone) {
        await iterator.return?.();
        return;
      }
      result = await iterator.next();
    }
    // The router never ends a stream without its finish part; should a custom provider do it, say so.
    throw Object.assign(new Error('The stream ended without a finish part.'), { code: 'stream_interrupted' });
  } catch (error) {
    if (exchange.clientGone) return;
    writer.error(exchange.errorAnswer(exchange.drainError ?? error).error);
  }
}

/** `POST /v1/chat/completions`: OpenAI's Chat Completions, JSON or SSE, routed by the request's `model` (an alias). */
export const chatCompletionsRoute: GatewayRoute = {
  method: 'POST',
  path: '/v1/chat/completions',
  kind: 'api',
  body: 'json',
  handle(exchange) {
    const { request, stream: streaming, includeUsage } = mapChatRequest(exchange.body);
    exchange.authorizeModel(request.model);
    request.signal = exchange.controller.signal;
    const tags = exchange.tags;
    if (tags) request.tags = tags;
    return streaming ? stream(exchange, request, includeUsage) : complete(exchange, request);
  },
};
