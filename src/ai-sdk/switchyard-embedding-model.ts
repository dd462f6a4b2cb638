import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { SwitchyardCallOptions } from './convert-call-options.ts';
import { mapProviderMetadata, mapWarnings } from './map-call-metadata.ts';
import type { SwitchyardLike } from './switchyard-language-model.ts';
import { callerHeaders } from './caller-headers.ts';

/** A Switchyard embedding alias as an AI SDK embedding model (specification v4), routed with failover. */
export class SwitchyardEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'switchyard';
  readonly modelId: string;
  /** No limit is imposed here: every value goes in one routed call. */
  readonly maxEmbeddingsPerCall = undefined;
  readonly supportsParallelCalls = true;
  readonly #sy: SwitchyardLike;

  constructor(sy: SwitchyardLike, modelId: string) {
    this.#sy = sy;
    this.modelId = modelId;
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const request: EmbedRequest = { model: this.modelId, input: options.values };
    if (options.dimensions !== undefined) request.dimensions = options.dimensions;
    if (options.abortSignal) request.signal = options.abortSignal;
    const own = options.providerOptions?.switchyard as SwitchyardCallOptions | undefined;
    if (own?.tags) request.tags = own.tags;
    if (own?.require) request.require = own.require;
    if (own?.timeoutMs !== undefined) request.timeoutMs = own.timeoutMs;
    if (own?.providerOptions) request.providerOptions = own.providerOptions;
    const result = await this.#sy.embed(request);
    const warnings = mapWarnings(result.warnings);
    const headers = callerHeaders(options.headers);
    if (headers.length > 0) warnings.unshift({ type: 'unsupported', feature: 'headers', details: `Switchyard sends each provider the headers of its config; per-call headers (${headers.join(', ')}) were not sent.` });
    return { embeddings: result.embeddings, usage: { tokens: result.usage.inputTokens }, providerMetadata: mapProviderMetadata(result), warnings };
  }
}
