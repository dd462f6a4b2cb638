import '../runtime/require-supported-node.ts';
export { createSwitchyardProvider, type SwitchyardProvider, type SwitchyardProviderSettings } from './create-switchyard-provider.ts';
export { SwitchyardLanguageModel, type SwitchyardLike } from './switchyard-language-model.ts';
export { SwitchyardEmbeddingModel } from './switchyard-embedding-model.ts';
export type { SwitchyardCallOptions } from './convert-call-options.ts';
