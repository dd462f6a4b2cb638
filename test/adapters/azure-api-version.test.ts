import { describe, expect, it } from 'vitest';
import { createAzureOpenAI, parseAzureApiVersion } from '../../adapters/azure-openai/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/errors/config-error.ts';

const ENDPOINT = 'https://contoso-eastus.openai.azure.com';

describe('Azure api-version', () => {
  it.each(['2024-13-45', '2024-02-30', '2023-02-29', '2024-00-10', '2024-13-45-preview'])('should reject %s, which is not a date', (apiVersion) => {
    expect(parseAzureApiVersion(apiVersion)).toBeUndefined();
    expect(() => createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'k', apiVersion })).toThrow(ConfigError);
    const error = (() => {
      try {
        loadConfig({ providers: { azure: { type: 'azure-openai', endpoint: ENDPOINT, apiKey: 'k', apiVersion } } }, { env: {} });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.issues).toEqual([{ path: 'providers.azure.apiVersion', message: 'apiVersion must be a real date (YYYY-MM-DD), such as 2024-10-21' }]);
  });

  it.each(['2024-02-29', '2024-10-21', '2025-04-01-preview', 'v1', 'preview'])('should accept %s', (apiVersion) => {
    expect(parseAzureApiVersion(apiVersion)?.value).toBe(apiVersion);
    expect(loadConfig({ providers: { azure: { type: 'azure-openai', endpoint: ENDPOINT, apiKey: 'k', apiVersion } } }, { env: {} }).providers.azure?.apiVersion).toBe(apiVersion);
  });
});
