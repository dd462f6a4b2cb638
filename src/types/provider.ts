import type { ChatApi } from './chat-api.ts';
import type { ChatRequest } from './chat-request.ts';
import type { ChatResult } from './chat-result.ts';
import type { EmbedRequest } from './embed-request.ts';
import type { EmbedResult } from './embed-result.ts';
import type { ProviderCapabilities } from './provider-capabilities.ts';
import type { StreamPart } from './stream-part.ts';

/** The provider types Switchyard ships adapters for. Custom providers may use any other string. */
export type ProviderType = 'openai' | 'azure-openai' | 'vertex' | 'coreweave' | 'oci' | (string & {});

/**
 * The one contract every adapter implements and every wrapper (router, retry, metering) passes on.
 * An adapter makes exactly one attempt per call (it may renew a token once after a 401);
 * retries and failover belong to the router.
 */
export interface Provider {
  /** The provider's id (the config id when created from a config; else its type). */
  readonly id: string;
  /** The adapter type. */
  readonly type: ProviderType;
  /** The API version this provider is pinned to (Azure api-version, Vertex `v1`), where one applies. */
  readonly apiVersion?: string | undefined;
  /** What its models can do, where known. */
  readonly capabilities: ProviderCapabilities;
  /** The API its `chat` and `stream` calls use, for providers on the OpenAI wire format (`chat` or `responses`). */
  readonly api?: ChatApi | undefined;
  /**
   * The same provider (credentials, transport, settings) calling another API: how a target's `api` is applied.
   * Returns itself for its own API; throws `ConfigError` for an API the provider does not serve. Present on providers
   * that can serve more than one.
   */
  withApi?: ((api: ChatApi) => Provider) | undefined;
  /** One chat call. */
  chat(request: ChatRequest): Promise<ChatResult>;
  /** One streaming chat call. Errors before the first part are thrown by the first `next()`. */
  stream(request: ChatRequest): AsyncIterable<StreamPart>;
  /** One embedding call. */
  embed(request: EmbedRequest): Promise<EmbedResult>;
  /** Releases connections and other resources. */
  close?: (() => Promise<void>) | undefined;
}
