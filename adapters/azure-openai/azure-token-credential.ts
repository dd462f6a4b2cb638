/** An access token with its expiry, as `@azure/identity` returns it. */
export interface AzureAccessToken {
  /** The bearer token. */
  token: string;
  /** When it expires, in ms since the epoch. */
  expiresOnTimestamp: number;
  /** When the issuer suggests renewing it, in ms since the epoch. */
  refreshAfterTimestamp?: number;
}

/**
 * The shape of an `@azure/identity` `TokenCredential` (`DefaultAzureCredential`, `ManagedIdentityCredential`,
 * `ClientSecretCredential`, ...). Declared here so that Switchyard needs no Azure package to type-check or test.
 */
export interface AzureTokenCredential {
  /** Gets a token for the scopes; null when none could be obtained. */
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<AzureAccessToken | null>;
}
