import type { EmbeddingModelV4, LanguageModelV4, ProviderV4 } from '@ai-sdk/provider';
import { UnsupportedFeatureError } from '../errors/unsupported-feature-error.ts';
import { SwitchyardEmbeddingModel } from './switchyard-embedding-model.ts';
import { SwitchyardLanguageModel, type SwitchyardLike } from './switchyard-language-model.ts';
import { checkAiSdkVersion } from './check-ai-sdk-version.ts';

/** Settings of `createSwitchyardProvider`. */
export interface SwitchyardProviderSettings {
  /**
   * URLs the providers fetch themselves, by media type; the AI SDK downloads any other URL and sends its bytes.
   * @default { 'image/*': [/^https:\/\//] }
   */
  supportedUrls?: Record<string, RegExp[]> | undefined;
}

/** An AI SDK provider whose models are Switchyard aliases: `provider('chat')` or `provider.languageModel('chat')`. */
export interface SwitchyardProvider extends ProviderV4 {
  /** The language model of a Switchyard alias, or of `providerId:model` to address one target. */
  (modelId: string): LanguageModelV4;
  languageModel(modelId: string): LanguageModelV4;
  /** The embedding model of a Switchyard alias. */
  embeddingModel(modelId: string): EmbeddingModelV4;
  /** Switchyard routes no image models: throws. */
  imageModel(modelId: string): never;
}

/**
 * An AI SDK provider over a Switchyard (from `createSwitchyard`): every alias becomes a language model, so that
 * `generateText`, `streamText` and `generateObject`-style calls get Switchyard's routing, failover, version
 * pinning, metering and telemetry. Routing errors are Switchyard's typed errors; the AI SDK does not retry
 * them (Switchyard already did). Needs `ai@7` and `@ai-sdk/provider@4`: an older `ai` next to it is a
 * `SwitchyardError` (`unsupported_ai_sdk`) that says what to install.
 * @example
 * const switchyard = createSwitchyardProvider(createSwitchyard('switchyard.yaml'));
 * const { text, providerMetadata } = await generateText({ model: switchyard('chat'), prompt: 'Hello' });
 * console.log(text, providerMetadata?.switchyard?.provider);
 */
export function createSwitchyardProvider(sy: SwitchyardLike, settings: SwitchyardProviderSettings = {}): SwitchyardProvider {
  checkAiSdkVersion();
  const supportedUrls = settings.supportedUrls ?? { 'image/*': [/^https:\/\//] };
  const languageModel = (modelId: string) => new SwitchyardLanguageModel(sy, modelId, supportedUrls);
  return Object.assign((modelId: string) => languageModel(modelId), {
    specificationVersion: 'v4' as const,
    languageModel,
    embeddingModel: (modelId: string) => new SwitchyardEmbeddingModel(sy, modelId),
    imageModel(modelId: string): never {
      throw new UnsupportedFeatureError(`Switchyard routes chat and embedding models; ${modelId} was asked for as an image model. Use an AI SDK image provider directly.`, { feature: 'image models' });
    },
  });
}
