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
  publisher: {
    description: 'Whose models this provider serves: `anthropic` sends every model in Anthropic\'s Messages format (`publishers/anthropic/models/{model}:rawPredict`), for Claude models whose ids do not start with `claude-`; `google` sends every model through `generateContent`. A `publishers/…/models/…` path, or a target\'s `publisher`, wins.',
    defaultText: 'each request\'s model decides: `claude-*` ids are Anthropic\'s, every other id Google\'s',
  },
  anthropic: {
    description: 'Settings of the Claude models on this provider (publisher `anthropic`).',
    keys: {
      version: {
        description: 'The `anthropic_version` sent in the body: `vertex-2023-10-16`, or Anthropic\'s newer `2026-10-21`, which takes no `temperature`, `top_p` or `top_k` (Switchyard drops them with a warning).',
        default: DEFAULT_VERSIONS.anthropicVertexVersion,
      },
      structuredOutput: {
        description: 'How structured output (`responseFormat` with a schema) reaches Claude: `tool`, a forced tool whose input is the answer (every model); `native`, `output_config.format` on Claude 4.5 and later (Vertex enables it through the organisation policy `constraints/vertexai.allowedPartnerModelFeatures`), which also sends `strict` on tools.',
        default: 'tool',
      },
      defaultMaxTokens: { description: '`max_tokens` (which Anthropic requires) for requests that set no `maxTokens`.', defaultText: 'the model\'s maximum output, from Anthropic\'s model pages' },
    },
  },
  requestType: {
    description: 'The capacity Gemini `generateContent` requests use: `provisioned` (Provisioned Throughput only, `X-Vertex-AI-LLM-Request-Type: dedicated`), `shared` (pay-as-you-go only), `priority` or `flex` (Priority or Flex PayGo after Provisioned Throughput when there is some, `X-Vertex-AI-LLM-Shared-Request-Type`). A target\'s or a request\'s `requestType` wins.',
    defaultText: 'none: no header is sent, and Vertex uses Provisioned Throughput when there is some, then pay-as-you-go',
  },
};
