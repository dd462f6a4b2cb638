import { createOpenAIMock, type ProviderMock } from './create-openai-mock.ts';
import type { ScriptStep } from './script-step.ts';

/** The base URL of CoreWeave Serverless Inference (formerly W&B Inference). */
const SERVERLESS_BASE_URL = 'https://api.inference.wandb.ai/v1';

/** Options of `createCoreWeaveMock`. */
export interface CoreWeaveMockOptions {
  /** Your vLLM or NIM server's base URL (`https://llm.acme.example/v1`). @default 'https://api.inference.wandb.ai/v1' (Serverless) */
  baseURL?: string | undefined;
  /** What to answer, one step per request; the last repeats. */
  script: ScriptStep | ScriptStep[];
  /** The model reported when the script names none. @default the request's model */
  servedModel?: string | undefined;
}

/**
 * msw handlers for a CoreWeave endpoint: a self-hosted vLLM or NIM server, or Serverless Inference. It speaks
 * the OpenAI wire format the way vLLM does (errors carry the HTTP status as an integer `code`).
 * @example
 * const cw = createCoreWeaveMock({ baseURL: 'https://llm.acme.example/v1', script: { type: 'text', text: 'Hi' } });
 * server.use(...cw.handlers);
 */
export function createCoreWeaveMock(options: CoreWeaveMockOptions): ProviderMock {
  return createOpenAIMock({ ...options, baseURL: options.baseURL ?? SERVERLESS_BASE_URL, flavor: 'vllm' });
}
