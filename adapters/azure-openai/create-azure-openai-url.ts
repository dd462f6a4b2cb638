import type { OpenAIOperation } from '../openai-compatible/openai-compatible-config.ts';
import type { AzureApiVersion } from './azure-api-version.ts';

/**
 * The URL builder for one endpoint and api-version:
 * - classic (dated): `{endpoint}/openai/deployments/{deployment}/{operation}?api-version={apiVersion}`;
 * - v1 API: `{endpoint}/openai/v1/{operation}` for `v1`, with `?api-version=preview` for `preview`
 *   (the deployment goes in the body's `model`).
 * @example createAzureOpenAIUrl('https://contoso.openai.azure.com', parseAzureApiVersion('2024-10-21')!)('chat/completions', 'prod-gpt4o')
 * // 'https://contoso.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21'
 */
export function createAzureOpenAIUrl(endpoint: string, version: AzureApiVersion): (operation: OpenAIOperation, deployment: string) => string {
  if (version.style === 'v1') {
    const query = version.value === 'preview' ? '?api-version=preview' : '';
    return (operation) => `${endpoint}/openai/v1/${operation}${query}`;
  }
  const query = `?api-version=${encodeURIComponent(version.value)}`;
  return (operation, deployment) => `${endpoint}/openai/deployments/${encodeURIComponent(deployment)}/${operation}${query}`;
}
