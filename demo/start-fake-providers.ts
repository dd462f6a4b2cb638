import { createAzureOpenAIMock } from '../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../src/testing/create-vertex-mock.ts';
import { serveHandlers, type LoopbackServer } from './serve-handlers.ts';

/** The demo's fake providers and the environment that points the demo config at them. */
export interface FakeProviders {
  env: Record<string, string>;
  close(): Promise<void>;
}

const ANSWER = 'Switchyard routed this answer to the first healthy provider.';

/**
 * Starts four loopback providers speaking the Azure OpenAI, OpenAI, Vertex AI and vLLM wire formats.
 * The Azure primary answers 429 (retry after 1 s), then 503 on every request, so the demo shows a retry that
 * honours Retry-After, failover, and the circuit breaker opening.
 */
export async function startFakeProviders(): Promise<FakeProviders> {
  const servers: LoopbackServer[] = await Promise.all([serveHandlers(), serveHandlers(), serveHandlers(), serveHandlers()]);
  const [azure, openai, vertex, coreweave] = servers as [LoopbackServer, LoopbackServer, LoopbackServer, LoopbackServer];
  azure.use(
    createAzureOpenAIMock({
      endpoint: azure.origin,
      deployments: { chat: 'gpt-5.1-2025-11-13', embeddings: 'text-embedding-3-small' },
      script: [
        { type: 'error', status: 429, retryAfterSeconds: 1 },
        { type: 'error', status: 503 },
      ],
    }).handlers,
  );
  openai.use(
    createOpenAIMock({
      baseURL: `${openai.origin}/v1`,
      script: [
        { type: 'text', text: ANSWER, usage: { inputTokens: 1250, cachedInputTokens: 1024, outputTokens: 14 }, latencyMs: 40 },
        { type: 'text', text: 'Streams fail over too, before their first token, and never end silently.', chunks: 12, chunkDelayMs: 15, usage: { inputTokens: 180, outputTokens: 16 } },
      ],
    }).handlers,
  );
  vertex.use(createVertexMock({ baseURL: vertex.origin, script: { type: 'embeddings', dimensions: 8 } }).handlers);
  coreweave.use(
    createOpenAIMock({
      baseURL: `${coreweave.origin}/v1`,
      flavor: 'vllm',
      script: { type: 'text', text: 'Served by an open-weights model on CoreWeave.', usage: { inputTokens: 42, outputTokens: 9 }, latencyMs: 25 },
    }).handlers,
  );
  return {
    env: {
      AZURE_OPENAI_ENDPOINT: azure.origin,
      AZURE_OPENAI_API_KEY: 'demo-azure-key',
      OPENAI_API_KEY: 'sk-demo',
      OPENAI_BASE_URL: `${openai.origin}/v1`,
      GOOGLE_CLOUD_PROJECT: 'switchyard-demo',
      VERTEX_ACCESS_TOKEN: 'ya29.demo-token',
      VERTEX_BASE_URL: vertex.origin,
      COREWEAVE_BASE_URL: `${coreweave.origin}/v1`,
      COREWEAVE_API_KEY: 'demo-coreweave-key',
    },
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
