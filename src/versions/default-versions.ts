/**
 * Every default API version of every adapter, in one place. Changing one is a visible, deliberate
 * change (tests assert the exact strings that reach each URL), never a side effect of an upgrade.
 */
export const DEFAULT_VERSIONS = {
  /** Azure OpenAI classic api-version: the latest dated GA in the Azure REST specs (2024-10-21). */
  azureOpenAIApiVersion: '2024-10-21',
  /** Vertex AI REST version: GA `v1` (Google's own client defaults to `v1beta1`). */
  vertexApiVersion: 'v1',
  /** OpenAI's REST path version. */
  openAIBasePath: 'v1',
} as const;
