import type { KeyDoc } from '../../src/config/document-keys.ts';

/** The keys of `type: coreweave` in a config, for `docs/config.md` (`npm run docs:config`). */
export const COREWEAVE_CONFIG_DOCS: Record<string, KeyDoc> = {
  baseURL: { description: 'The server\'s base URL, ending in `/v1`: a vLLM or NIM server on CoreWeave Kubernetes. Without it, CoreWeave Serverless Inference.', default: 'https://api.inference.wandb.ai/v1', examples: ['${COREWEAVE_BASE_URL}'] },
  apiKey: { description: 'The API key, sent as `Authorization: Bearer`: required by Serverless Inference, optional for a self-hosted server.' },
  project: { description: 'Serverless Inference: the `team/project` usage is attributed to, sent as `OpenAI-Project`.' },
  headers: { description: 'Extra headers on every request.' },
  maxTokensField: { description: 'The body field for the token limit (`max_tokens` is understood by every vLLM, NIM and Serverless version; an old vLLM ignores `max_completion_tokens`).', default: 'max_tokens' },
};
