export { parseAzureApiVersion, type AzureApiVersion } from './azure-api-version.ts';
export { AZURE_API_VERSION_FEATURES, type AzureApiVersionFeature, type AzureFeatureId } from './azure-api-version-features.ts';
export { azureOpenAIProviderDefinition } from './azure-openai-provider-definition.ts';
export type { AzureOpenAISettings } from './azure-openai-settings.ts';
export type { AzureAccessToken, AzureTokenCredential } from './azure-token-credential.ts';
export { azureVersionSupports } from './azure-version-supports.ts';
export { checkAzureRequestFeatures } from './check-azure-request-features.ts';
export { AZURE_COGNITIVE_SERVICES_SCOPE, createAzureOpenAI, type AzureOpenAIProvider } from './create-azure-openai.ts';
export { detectAzureRequestFeatures } from './detect-azure-request-features.ts';
