/**
 * Every default API version of every adapter, in one place. Changing one is a visible, deliberate
 * change (tests assert the exact strings that reach each URL), never a side effect of an upgrade.
 */
export const DEFAULT_VERSIONS = {
  /**
   * Azure OpenAI: the v1 API (`/openai/v1/...`, no dated api-version, GA since August 2025). Until this release the
   * default was the classic `2024-10-21` (the latest dated GA), which has no usage in streams: pin
   * `apiVersion: 2024-10-21` to keep the classic URLs.
   */
  azureOpenAIApiVersion: 'v1',
  /** Vertex AI REST version: GA `v1` (Google's own client defaults to `v1beta1`). */
  vertexApiVersion: 'v1',
  /**
   * The `anthropic_version` in the body of Claude requests on Vertex AI: `vertex-2023-10-16`, the value Anthropic's and
   * Google's Claude-on-Vertex pages require. `2026-10-21` (Anthropic's newer API version, which removes `temperature`,
   * `top_p` and `top_k`) can be pinned per provider with `anthropic.version`.
   */
  anthropicVertexVersion: 'vertex-2023-10-16',
  /** OpenAI's REST path version. */
  openAIBasePath: 'v1',
} as const;
