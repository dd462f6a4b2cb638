import type { LanguageModelV4StreamPart, SharedV4Warning } from '@ai-sdk/provider';
import type { StreamPart } from '../types/stream-part.ts';
import { mapFinishReason, mapProviderMetadata, mapUsage, reasoningMetadata } from './map-call-metadata.ts';

/**
 * The AI SDK stream of a Switchyard stream: `stream-start`, reasoning blocks (`reasoning-start`, `reasoning-delta`,
 * `reasoning-end`; the provider's reasoning state, known at the end, rides on the last block's `reasoning-end` as
 * `providerMetadata.switchyard.reasoningState`), text blocks (`text-start`, `text-delta`, `text-end`),
 * each tool call as `tool-input-start`/`-delta`/`-end` then `tool-call`, and `response-metadata` plus `finish`
 * at the end (warnings the provider reported at the end of a stream are in `providerMetadata.switchyard.warnings`,
 * as `stream-start` has gone by then). A failure becomes an `error` part and ends the stream. `first` is the part already read (the
 * first `next()` is awaited before the stream is handed over, so that routing errors reject `doStream`).
 */
export function toStreamParts(iterator: AsyncIterator<StreamPart>, first: IteratorResult<StreamPart>, warnings: SharedV4Warning[]): ReadableStream<LanguageModelV4StreamPart> {
  let pending: IteratorResult<StreamPart> | undefined = first;
  let textId: string | undefined;
  let reasoningId: string | undefined;
  let blocks = 0;
  let started = false;

  const closeText = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>) => {
    if (textId === undefined) return;
    controller.enqueue({ type: 'text-end', id: textId });
    textId = undefined;
  };
  const closeReasoning = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>) => {
    if (reasoningId === undefined) return;
    controller.enqueue({ type: 'reasoning-end', id: reasoningId });
    reasoningId = undefined;
  };
  const closeBlocks = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>) => {
    closeReasoning(controller);
    closeText(controller);
  };

  const pull = async (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>): Promise<void> => {
    if (!started) {
      started = true;
      controller.enqueue({ type: 'stream-start', warnings });
    }
    let result: IteratorResult<StreamPart>;
    try {
      result = pending ?? (await iterator.next());
    } catch (error) {
      closeBlocks(controller);
      controller.enqueue({ type: 'error', error });
      controller.close();
      return;
    }
    pending = undefined;
    if (result.done) {
      closeBlocks(controller);
      controller.close();
      return;
    }
    const part = result.value;
    if (part.type === 'text-delta') {
      // An empty delta gives no part: read on, so that each pull hands the reader something.
      if (part.text === '') return pull(controller);
      closeReasoning(controller);
      if (textId === undefined) {
        textId = `text-${blocks++}`;
        controller.enqueue({ type: 'text-start', id: textId });
      }
      controller.enqueue({ type: 'text-delta', id: textId, delta: part.text });
    } else if (part.type === 'tool-call') {
      closeBlocks(controller);
      const input = part.rawArguments === '' ? '{}' : part.rawArguments;
      controller.enqueue({ type: 'tool-input-start', id: part.id, toolName: part.name });
      controller.enqueue({ type: 'tool-input-delta', id: part.id, delta: input });
      controller.enqueue({ type: 'tool-input-end', id: part.id });
      controller.enqueue({ type: 'tool-call', toolCallId: part.id, toolName: part.name, input });
    } else if (part.type === 'reasoning-delta') {
      if (part.text === '') return pull(controller);
      closeText(controller);
      if (reasoningId === undefined) {
        reasoningId = `reasoning-${blocks++}`;
        controller.enqueue({ type: 'reasoning-start', id: reasoningId });
      }
      controller.enqueue({ type: 'reasoning-delta', id: reasoningId, delta: part.text });
    } else {
      closeText(controller);
      const state = part.reasoningState?.providerData;
      if (state) {
        // The state belongs to the turn: it ends the open reasoning block, or an empty one made to carry it.
        if (reasoningId === undefined) {
          reasoningId = `reasoning-${blocks++}`;
          controller.enqueue({ type: 'reasoning-start', id: reasoningId });
        }
        controller.enqueue({ type: 'reasoning-end', id: reasoningId, providerMetadata: reasoningMetadata(state) });
        reasoningId = undefined;
      } else closeReasoning(controller);
      controller.enqueue({ type: 'response-metadata', modelId: part.model, ...(part.requestId !== undefined ? { id: part.requestId } : {}) });
      controller.enqueue({ type: 'finish', usage: mapUsage(part.usage), finishReason: mapFinishReason(part), providerMetadata: mapProviderMetadata(part, part.warnings) });
      controller.close();
    }
  };

  return new ReadableStream<LanguageModelV4StreamPart>({
    pull,
    async cancel() {
      await iterator.return?.();
    },
  });
}
