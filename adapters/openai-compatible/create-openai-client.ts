import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { OpenAIClientOptions } from './openai-compatible-config.ts';

/**
 * The escape hatch: an official `openai` client configured like the provider (same base URL, credentials
 * and headers), sending through the provider's transport, with `maxRetries: 0` (retries belong to the router).
 * For API areas Switchyard does not unify: files, batches, images. `openai` is loaded only when this is called.
 */
export async function createOpenAIClient(options: OpenAIClientOptions, transport: HttpTransport) {
  const { default: OpenAI } = await import('openai');
  return new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey ?? 'unused',
    defaultHeaders: options.defaultHeaders,
    defaultQuery: options.defaultQuery,
    maxRetries: 0,
    fetch: transport.fetch,
  });
}
