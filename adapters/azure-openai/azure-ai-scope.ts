/**
 * The Microsoft Entra ID scope Microsoft's v1 API article gives for Azure OpenAI on the v1 API
 * (MicrosoftDocs/azure-ai-docs `articles/foundry/openai/includes/api-version-lifecycle-content.md`, 2026-03-19:
 * `getBearerTokenProvider(new DefaultAzureCredential(), 'https://ai.azure.com/.default')`). Microsoft's "switch
 * endpoints" article uses `https://cognitiveservices.azure.com/.default` with the same v1 URL: both are accepted.
 */
export const AZURE_AI_SCOPE = 'https://ai.azure.com/.default';
