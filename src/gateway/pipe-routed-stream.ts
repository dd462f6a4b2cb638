import { readParts } from '../http/read-parts.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ServedTarget } from '../types/served-target.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { GatewayExchange } from './gateway-exchange.ts';
import type { FinishPart, SseWriter } from './wire/sse-writer.ts';

/** The model sent to the provider that served the call: its last attempt's. */
function servedModel(part: FinishPart): string {
  const attempts = part.attempts;
  return attempts?.[attempts.length - 1]?.model ?? part.model;
}

const ignore = () => undefined;

function endedWithoutFinish(): Error {
  // The router never ends a stream without its finish part; should a custom provider do it, say so.
  return Object.assign(new Error('The stream ended without a finish part.'), { code: 'stream_interrupted' });
}

/**
 * Streams `request` through the Switchyard to the client with `writer`. Nothing is sent until the router delivered
 * the first parts, so that a failure before the first content (which the router fails over from, invisibly) is still
 * answered with a proper status (the rejection goes to `exchange.fail`). From then on it reads the router's batches
 * (`READ_PARTS`: every part of one network read at once), queues each part's events and writes each batch in one
 * `write`; when the client is slower than the provider, the next batch waits until it drained the last (the upstream
 * read goes on meanwhile), so a slow client slows the upstream rather than filling memory. A failure after the first part ends the
 * stream with the writer's in-band error events; a client that went away stops the upstream (the router meters the
 * attempt as aborted).
 */
export async function pipeRoutedStream(exchange: GatewayExchange, request: ChatRequest, writer: SseWriter): Promise<void> {
  const iterator = exchange.core.switchyard.stream(request)[Symbol.asyncIterator]();
  const read = readParts(iterator as AsyncIterator<StreamPart>);
  let batch = await read();
  if (batch === undefined) throw endedWithoutFinish();
  if (exchange.clientGone) {
    await iterator.return?.();
    return;
  }
  const served = (iterator as { served?: ServedTarget }).served;
  const headers = exchange.baseHeaders();
  if (served) headers.push('x-switchyard-provider', served.provider);
  writer.start(headers, served);
  try {
    for (;;) {
      for (let i = 0; i < batch.length; i++) {
        const part = batch[i] as StreamPart;
        if (part.type === 'finish') {
          const finish = part as FinishPart;
          if (finish.rateLimit && finish.provider) exchange.core.metrics.rateLimit(finish.provider, servedModel(finish), finish.rateLimit);
          writer.finish(finish);
          return;
        }
        writer.part(part);
      }
      const ready = writer.flush();
      // The next network read runs while the client drains what was written (nothing more is written before it has).
      const next = read();
      if (ready !== true) {
        next.catch(ignore);
        await ready;
      }
      if (exchange.clientGone) {
        next.catch(ignore);
        await iterator.return?.();
        return;
      }
      batch = await next;
      if (batch === undefined) throw endedWithoutFinish();
    }
  } catch (error) {
    if (exchange.clientGone) return;
    writer.error(exchange.errorAnswer(exchange.drainError ?? error).error);
  }
}
