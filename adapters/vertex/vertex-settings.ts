import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

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
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
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
