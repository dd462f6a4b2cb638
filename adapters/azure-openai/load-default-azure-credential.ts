import { ProviderUnavailableError } from '../../src/errors/provider-unavailable-error.ts';
import type { AzureTokenCredential } from './azure-token-credential.ts';

// A variable specifier keeps bundlers and the type checker from requiring the optional peer dependency.
export const IDENTITY_PACKAGE = '@azure/identity';

/** Why `credential: 'default'` cannot work without `@azure/identity`, and how to fix it. */
export const IDENTITY_MISSING =
  "credential: 'default' uses DefaultAzureCredential from the optional package @azure/identity, which is not installed: run npm install @azure/identity@^4, or use apiKey instead.";

/**
 * Creates `DefaultAzureCredential` from `@azure/identity`, an optional peer dependency loaded only when
 * `credential: 'default'` is used (on the first request; creating the provider checks that it is installed).
 * When it fails to load even so, the error is `ProviderUnavailableError` (status 0): this target cannot be used
 * from this process, and the router moves on to the next one.
 */
export async function loadDefaultAzureCredential(provider: string): Promise<AzureTokenCredential> {
  let identity: { DefaultAzureCredential: new () => AzureTokenCredential };
  try {
    identity = (await import(IDENTITY_PACKAGE)) as typeof identity;
  } catch (error) {
    throw new ProviderUnavailableError(`${provider}: ${IDENTITY_MISSING} (${(error as Error)?.message ?? error})`, { status: 0, provider, retryable: false, cause: error });
  }
  return new identity.DefaultAzureCredential();
}
