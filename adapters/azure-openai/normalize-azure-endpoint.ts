import { ConfigError } from '../../src/errors/config-error.ts';

/**
 * Checks and normalises an Azure OpenAI endpoint: an `https://` (or `http://`) root without query or
 * fragment, trailing slashes removed. Any host works (`*.openai.azure.com`, `*.cognitiveservices.azure.com`,
 * `*.services.ai.azure.com`, an API Management gateway), with a path prefix for gateways. It must not
 * already end in `/openai` or `/openai/v1`: Switchyard appends those itself.
 * @example normalizeAzureEndpoint('https://contoso.openai.azure.com/') // 'https://contoso.openai.azure.com'
 */
export function normalizeAzureEndpoint(endpoint: string | undefined, source = 'createAzureOpenAI'): string {
  const fail = (message: string): never => {
    throw new ConfigError([{ path: 'endpoint', message }], { source });
  };
  if (!endpoint) {
    return fail('Azure OpenAI needs an endpoint such as https://<resource>.openai.azure.com: pass settings.endpoint or set AZURE_OPENAI_ENDPOINT.');
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // The value is not quoted: a swapped AZURE_OPENAI_ENDPOINT / AZURE_OPENAI_API_KEY pair would print the key.
    return fail(`the endpoint is not a URL (${endpoint.length} characters, no scheme such as https://); expected something like https://<resource>.openai.azure.com. Check settings.endpoint or AZURE_OPENAI_ENDPOINT.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`the endpoint must be an http(s) URL, got ${url.protocol}`);
  if (url.search || url.hash) fail('the endpoint must not carry a query or fragment; the api-version is set with apiVersion.');
  if (url.username || url.password) fail('the endpoint must not carry credentials; use apiKey, tokenProvider or credential.');
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/openai(\/v1)?$/.test(path)) {
    fail(`remove "${path.slice(path.lastIndexOf('/openai'))}" from the endpoint: Switchyard appends /openai/deployments/... or /openai/v1/... itself.`);
  }
  return `${url.origin}${path}`;
}
