import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

/** Settings of `createCoreWeave`. */
export interface CoreWeaveSettings {
  /**
   * The server's base URL, ending in `/v1`: a vLLM or NIM Service/Ingress on CoreWeave Kubernetes.
   * @default 'https://api.inference.wandb.ai/v1' (CoreWeave Serverless Inference)
   */
  baseURL?: string | undefined;
  /** The API key, sent as `Authorization: Bearer`. Required for Serverless Inference; optional for a self-hosted server. */
  apiKey?: string | undefined;
  /** Serverless Inference: the `team/project` usage is attributed to, sent as `OpenAI-Project`. */
  project?: string | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /**
   * The body field for the token limit. vLLM logs and ignores unknown fields, so an old server would
   * silently drop `max_completion_tokens`; `max_tokens` is understood by every vLLM, NIM and Serverless version.
   * @default 'max_tokens'
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens' | undefined;
  /** The provider's id in results, errors and the ledger. @default 'coreweave' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** What the served models can do (a self-hosted model's context window, tool support). */
  capabilities?: ProviderCapabilities | undefined;
}
