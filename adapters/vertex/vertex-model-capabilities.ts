import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

const gemini = (contextWindow = 1_048_576) => ({ tools: true, jsonSchema: true, images: true, embeddings: false, contextWindow });
const embedding = (contextWindow: number) => ({ tools: false, jsonSchema: false, images: false, embeddings: true, contextWindow });

/**
 * What Gemini and Google's embedding models on Vertex AI can do (input context windows in tokens, from Google's
 * model pages). Unlisted models get the provider defaults: chat features assumed, window unknown.
 */
export const VERTEX_MODEL_CAPABILITIES: ProviderCapabilities = {
  tools: true,
  jsonSchema: true,
  images: true,
  embeddings: true,
  models: {
    'gemini-2.5-pro': gemini(),
    'gemini-2.5-flash': gemini(),
    'gemini-2.5-flash-lite': gemini(),
    'gemini-2.0-flash-001': gemini(),
    'gemini-2.0-flash-lite-001': gemini(),
    'gemini-3-pro-preview': gemini(),
    'gemini-3-flash-preview': gemini(),
    'text-embedding-005': embedding(2_048),
    'text-multilingual-embedding-002': embedding(2_048),
    'gemini-embedding-001': embedding(2_048),
  },
};
