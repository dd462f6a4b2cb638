import type { KeyDoc } from '../../src/config/document-keys.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';

/** The keys of `type: vertex` in a config, for `docs/config.md` (`npm run docs:config`). */
export const VERTEX_CONFIG_DOCS: Record<string, KeyDoc> = {
  project: { description: 'The Google Cloud project.', defaultText: '`GOOGLE_CLOUD_PROJECT` from the environment', examples: ['${GOOGLE_CLOUD_PROJECT}'] },
  location: { description: 'A region (`us-central1`, `europe-west4`), `global`, or the multi-regions `us` / `eu`.', defaultText: '`GOOGLE_CLOUD_LOCATION` from the environment, else `global`' },
  apiVersion: { description: 'The REST version: GA `v1`, or `v1beta1` for preview fields.', default: DEFAULT_VERSIONS.vertexApiVersion },
  baseURL: { description: 'Replaces the scheme and host (Private Service Connect, gateways); a path prefix is kept.' },
  apiKey: { description: 'Express mode: a Google Cloud API key, sent as `x-goog-api-key`.' },
  accessToken: { description: 'An OAuth 2 access token, sent as `Authorization: Bearer`. Without it (or `apiKey`), Application Default Credentials through the optional package `google-auth-library` (`npm install google-auth-library@^10`).', examples: ['${VERTEX_ACCESS_TOKEN}'] },
  googleAuthOptions: { description: 'Options for `google-auth-library`\'s `GoogleAuth` (`keyFilename`, `credentials`, …) for Application Default Credentials; the `cloud-platform` scope is added when `scopes` is absent.' },
  tokenRefreshMarginMs: { description: 'Renew an Application Default Credentials token this long before it expires, in milliseconds.', default: 300_000 },
  headers: { description: 'Extra headers on every request.' },
};
