import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Content, LanguageModelV4GenerateResult, LanguageModelV4StreamResult } from '@ai-sdk/provider';
import type { Provider } from '../types/provider.ts';
import { convertCallOptions } from './convert-call-options.ts';
import { mapFinishReason, mapProviderMetadata, mapUsage, mapWarnings, reasoningMetadata } from './map-call-metadata.ts';
import { toStreamParts } from './to-stream-parts.ts';

/** What the AI SDK models call: a Switchyard, or any single provider. */
export type SwitchyardLike = Pick<Provider, 'chat' | 'stream' | 'embed'>;

/**
 * A Switchyard alias (or `providerId:model`) as an AI SDK language model (specification v4): every call goes
 * through the router, with its failover, retries, pinning and metering. `providerMetadata.switchyard` tells
 * which provider served, the attempts and the cost. The model's reasoning comes as a reasoning part whose
 * `providerMetadata.switchyard.reasoningState` carries the provider's state, which the AI SDK hands back with the
 * assistant message on the next call.
 */
export class SwitchyardLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'switchyard';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]>;
  readonly #sy: SwitchyardLike;

  constructor(sy: SwitchyardLike, modelId: string, supportedUrls: Record<string, RegExp[]>) {
    this.#sy = sy;
    this.modelId = modelId;
    this.supportedUrls = supportedUrls;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { request, warnings } = convertCallOptions(this.modelId, options);
    const result = await this.#sy.chat(request);
    const content: LanguageModelV4Content[] = [];
    if (result.reasoning !== undefined || result.reasoningState?.providerData !== undefined) {
      const data = result.reasoningState?.providerData;
      content.push({ type: 'reasoning', text: result.reasoning ?? '', ...(data ? { providerMetadata: reasoningMetadata(data) } : {}) });
    }
    if (result.text !== '') content.push({ type: 'text', text: result.text });
    for (const call of result.toolCalls) content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.rawArguments === '' ? '{}' : call.rawArguments });
    return {
      content,
      finishReason: mapFinishReason(result),
      usage: mapUsage(result.usage),
      providerMetadata: mapProviderMetadata(result),
      response: { modelId: result.model, ...(result.requestId !== undefined ? { id: result.requestId } : {}) },
      warnings: [...warnings, ...mapWarnings(result.warnings)],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { request, warnings } = convertCallOptions(this.modelId, options);
    const iterator = this.#sy.stream(request)[Symbol.asyncIterator]();
    // Opening the stream routes it: a call that no target could serve rejects here, before any part.
    const first = await iterator.next();
    return { stream: toStreamParts(iterator, first, warnings) };
  }
}
