import type { OpenAI } from 'openai';
import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { AzureApiVersion } from './azure-api-version.ts';
import type { AzureOpenAIAuth } from './create-azure-openai-auth.ts';

/** What the escape hatch needs to build an official client like the provider. */
export interface AzureOpenAIClientOptions {
  /** The normalised endpoint. */
  endpoint: string;
  /** The pinned api-version. */
  version: AzureApiVersion;
  /** The provider's credentials. */
  auth: AzureOpenAIAuth;
  /** Extra headers from the settings (lower-case names). */
  headers: Record<string, string>;
}

/**
 * The escape hatch: an official `openai` client configured like the provider, sending through its
 * transport, `maxRetries: 0` (retries belong to the router). Classic style: an `AzureOpenAI` with the same
 * endpoint and api-version (the request's `model` becomes the deployment in the path), and the key or an
 * `azureADTokenProvider` backed by the provider's token cache. v1 style: a plain `OpenAI` at
 * `{endpoint}/openai/v1` (`?api-version=preview` for `preview`), with the `api-key` header or the token.
 * `openai` is loaded only when this is called.
 */
export async function createAzureOpenAIClient(options: AzureOpenAIClientOptions, transport: HttpTransport): Promise<OpenAI> {
  const { AzureOpenAI, OpenAI: OpenAIClient } = await import('openai');
  const { endpoint, version, auth, headers } = options;
  if (version.style === 'classic') {
    const credentials = auth.apiKey !== undefined ? { apiKey: auth.apiKey } : { azureADTokenProvider: auth.getToken };
    return new AzureOpenAI({ endpoint, apiVersion: version.value, ...credentials, defaultHeaders: headers, maxRetries: 0, fetch: transport.fetch });
  }
  return new OpenAIClient({
    baseURL: `${endpoint}/openai/v1`,
    apiKey: auth.apiKey ?? auth.getToken,
    // With a key, send it as api-key (like the provider) and drop the client's Authorization header.
    defaultHeaders: auth.apiKey !== undefined ? { ...headers, 'api-key': auth.apiKey, authorization: null } : headers,
    defaultQuery: version.value === 'preview' ? { 'api-version': 'preview' } : undefined,
    maxRetries: 0,
    fetch: transport.fetch,
  });
}
