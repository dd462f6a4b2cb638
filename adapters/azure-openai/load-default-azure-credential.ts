import { ConfigError } from '../../src/errors/config-error.ts';
import type { AzureTokenCredential } from './azure-token-credential.ts';

// A variable specifier keeps bundlers and the type checker from requiring the optional peer dependency.
const IDENTITY_PACKAGE = '@azure/identity';

/**
 * Creates `DefaultAzureCredential` from `@azure/identity`, an optional peer dependency loaded only
 * when `credential: 'default'` is used (on the first request).
 */
export async function loadDefaultAzureCredential(): Promise<AzureTokenCredential> {
  let identity: { DefaultAzureCredential: new () => AzureTokenCredential };
  try {
    identity = (await import(IDENTITY_PACKAGE)) as typeof identity;
  } catch (error) {
    throw new ConfigError(
      [{ path: 'credential', message: "credential: 'default' uses DefaultAzureCredential from the optional package @azure/identity, which is not installed: run npm install @azure/identity@^4, or pass apiKey or tokenProvider instead." }],
      { source: 'createAzureOpenAI', cause: error },
    );
  }
  return new identity.DefaultAzureCredential();
}
