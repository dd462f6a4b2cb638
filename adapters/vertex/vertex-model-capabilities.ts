import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

const gemini = (reasoning: boolean, contextWindow = 1_048_576) => ({ tools: true, jsonSchema: true, images: true, documents: true, reasoning, embeddings: false, contextWindow });
const embedding = (contextWindow: number) => ({ tools: false, jsonSchema: false, images: false, documents: false, reasoning: false, embeddings: true, contextWindow });

/**
 * What Gemini and Google's embedding models on Vertex AI can do (input context windows in tokens, from Google's
 * model pages); Gemini 2.5 and later think (`reasoning`), Gemini 2.0 does not; every Gemini reads PDF documents.
 * Unlisted models get the provider defaults: chat features assumed, window unknown.
 */
export const VERTEX_MODEL_CAPABILITIES: ProviderCapabilities = {
  tools: true,
  jsonSchema: true,
  images: true,
  embeddings: true,
  models: {
    'gemini-2.5-pro': gemini(true),
    'gemini-2.5-flash': gemini(true),
    'gemini-2.5-flash-lite': gemini(true),
    'gemini-2.0-flash-001': gemini(false),
    'gemini-2.0-flash-lite-001': gemini(false),
    'gemini-3-pro-preview': gemini(true),
    'gemini-3-flash-preview': gemini(true),
    'text-embedding-005': embedding(2_048),
    'text-multilingual-embedding-002': embedding(2_048),
    'gemini-embedding-001': embedding(2_048),
  },
};
