/** An embedding request. */
export interface EmbedRequest {
  /** The embedding model (for the router: an alias or `providerId:model`). */
  model: string;
  /** The texts to embed. */
  input: string[];
  /** The size of the vectors, for models that can shorten them. */
  dimensions?: number | undefined;
  /** Cancels the call. */
  signal?: AbortSignal | undefined;
  /** Bounds the whole call, in milliseconds. */
  timeoutMs?: number | undefined;
  /** Raw fields merged into the provider's request body, keyed by provider type. */
  providerOptions?: Record<string, Record<string, unknown>> | undefined;
  /** Metering dimensions, recorded in the ledger. */
  tags?: Record<string, string> | undefined;
  /** Narrows routing to providers that carry all of these tags (router only). */
  require?: { tags?: string[] | undefined } | undefined;
}
