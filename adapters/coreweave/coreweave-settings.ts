import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { CoreWeaveReasoningSettings } from './coreweave-reasoning-settings.ts';

/** Settings of `createCoreWeave`. */
export interface CoreWeaveSettings {
  /**
   * The server's base URL, ending in `/v1`: a vLLM or NIM Service/Ingress on CoreWeave Kubernetes.
   * @default 'https://api.inference.wandb.ai/v1' (CoreWeave Serverless Inference)
   */
  baseURL?: string | undefined;
  /** The API key, sent as `Authorization: Bearer`. Required for Serverless Inference; optional for a self-hosted server. */
  apiKey?: string | undefined;
  /**
   * Serverless Inference: the `team/project` usage is attributed to, sent as the `OpenAI-Project` header, as CoreWeave
   * documents it (`-H "OpenAI-Project: <your-team>/<your-project>"`). Without it, usage goes to your default entity's
   * project `inference`.
   */
  project?: string | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /**
   * The body field for the token limit. vLLM logs and ignores unknown fields, so an old server would
   * silently drop `max_completion_tokens`; `max_tokens` is understood by every vLLM, NIM and Serverless version.
   * @default 'max_tokens'
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens' | undefined;
  /**
   * How the served models take `request.reasoning` (`reasoning_effort`, or `chat_template_kwargs` as the model's chat
   * template needs), per provider and per model; see `CoreWeaveReasoningSettings` and the README's mapping table.
   * @default `reasoning_effort` sent as asked, `budgetTokens` as `thinking_token_budget`, reasoning text replayed as `reasoning`
   */
  reasoning?: CoreWeaveReasoningSettings | undefined;
  /** The provider's id in results, errors and the ledger. @default 'coreweave' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** What the served models can do (a self-hosted model's context window, tool support). */
  capabilities?: ProviderCapabilities | undefined;
}
