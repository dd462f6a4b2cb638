import '../../src/runtime/require-supported-node.ts';
export { COREWEAVE_SERVERLESS_BASE_URL } from './coreweave-serverless-base-url.ts';
export { createCoreWeave, type CoreWeaveProvider } from './create-coreweave.ts';
export { coreweaveProviderDefinition } from './coreweave-provider-definition.ts';
export type { CoreWeaveModelReasoning, CoreWeaveReasoningSettings } from './coreweave-reasoning-settings.ts';
export type { CoreWeaveSettings } from './coreweave-settings.ts';
