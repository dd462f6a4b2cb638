import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { CapacityRequestType } from '../../src/types/capacity-tier.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { VertexPublisher } from './vertex-publisher.ts';

/** Settings of the Claude models on a Vertex provider (publisher `anthropic`). */
export interface VertexAnthropicSettings {
  /**
   * The `anthropic_version` sent in the body. `2026-10-21` is Anthropic's newer API version (no `temperature`, `top_p`
   * or `top_k`: Switchyard drops them with a warning).
   * @default DEFAULT_VERSIONS.anthropicVertexVersion ('vertex-2023-10-16')
   */
  version?: 'vertex-2023-10-16' | '2026-10-21' | undefined;
  /**
   * How structured output (`responseFormat` with a schema) reaches Claude: `tool`, a forced tool whose input is the
   * answer (every model); or `native`, `output_config.format` on models that have it (Claude 4.5 and later), which
   * Vertex enables only when the organization policy `constraints/vertexai.allowedPartnerModelFeatures` allows
   * structured outputs. `native` also sends `strict` on tools.
   * @default 'tool'
   */
  structuredOutput?: 'tool' | 'native' | undefined;
  /** `max_tokens` for requests that set no `maxTokens`. @default the model's maximum output (Anthropic's model pages) */
  defaultMaxTokens?: number | undefined;
}

/**
 * Settings of `createVertex`. Credentials, in order of precedence: `apiKey` (express mode), `accessToken`,
 * else Application Default Credentials through `google-auth-library` (loaded only then).
 */
export interface VertexSettings {
  /** The Google Cloud project. @default `GOOGLE_CLOUD_PROJECT` from `env`, read when the provider is created */
  project?: string | undefined;
  /**
   * The location: a region (`us-central1`, `europe-west4`), `global` (host `aiplatform.googleapis.com`) or the
   * multi-regions `us` / `eu` (hosts `aiplatform.{us|eu}.rep.googleapis.com`).
   * @default `GOOGLE_CLOUD_LOCATION` from `env`, else 'global'
   */
  location?: string | undefined;
  /** The REST version: GA `v1`, or `v1beta1` for preview fields. @default DEFAULT_VERSIONS.vertexApiVersion ('v1') */
  apiVersion?: 'v1' | 'v1beta1' | undefined;
  /**
   * Replaces the scheme and host (Private Service Connect endpoints, gateways, tests); a path prefix is kept,
   * and the rest of the path keeps its shape (`{baseURL}/v1/projects/…/models/m:generateContent`).
   */
  baseURL?: string | undefined;
  /** Express mode: a Google Cloud API key, sent as `x-goog-api-key`, on the project-less path. Excludes `project`. */
  apiKey?: string | undefined;
  /**
   * An OAuth 2 access token, sent as `Authorization: Bearer`: a string, or a function called before every request
   * (and once more after a 401), which should cache on its own. For custom set-ups and tests.
   */
  accessToken?: (string | (() => string | Promise<string>)) | undefined;
  /**
   * Options for `google-auth-library`'s `GoogleAuth` (`keyFilename`, `credentials`, `authClient`, …) when neither
   * `apiKey` nor `accessToken` is given. The `cloud-platform` scope is added when `scopes` is absent.
   * @default Application Default Credentials: `GOOGLE_APPLICATION_CREDENTIALS`, gcloud user credentials, workload identity
   */
  googleAuthOptions?: Record<string, unknown> | undefined;
  /** Renew an ADC token this long before it expires, in milliseconds. @default 300000 (5 minutes) */
  tokenRefreshMarginMs?: number | undefined;
  /**
   * Whose models this provider serves. By default each request's model decides: `claude-*` ids (and
   * `publishers/anthropic/models/…` paths) are Anthropic's, served through `:rawPredict` in Anthropic's Messages format;
   * every other id is Google's. Set `anthropic` for Claude models whose ids do not start with `claude-`.
   */
  publisher?: VertexPublisher | undefined;
  /** Settings of the Claude models (publisher `anthropic`). */
  anthropic?: VertexAnthropicSettings | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /**
   * Which capacity generateContent requests use (`request.requestType` wins): `provisioned` (Provisioned Throughput
   * only), `shared` (pay-as-you-go only), `priority` or `flex` (Priority or Flex PayGo, after Provisioned Throughput
   * when there is some). Claude requests take `provisioned` and `shared`; under `priority` or `flex` they get no header
   * (those tiers are Gemini's). @default none: no header is sent, Vertex's default (Provisioned Throughput, then pay-as-you-go)
   */
  requestType?: CapacityRequestType | undefined;
  /** The provider's id in results, errors and the ledger. @default 'vertex' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** Overrides what Switchyard knows about the models. */
  capabilities?: ProviderCapabilities | undefined;
  /** Where to read `GOOGLE_CLOUD_PROJECT` and `GOOGLE_CLOUD_LOCATION`. @default process.env */
  env?: Record<string, string | undefined> | undefined;
  /** The clock for the token cache, in ms since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}
