/** The default Microsoft Entra ID scope for Azure OpenAI. */
export const AZURE_COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
