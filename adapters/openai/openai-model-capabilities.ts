import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

const chat = (contextWindow: number, images = true) => ({ tools: true, jsonSchema: true, images, documents: images, embeddings: false, reasoning: false, contextWindow });
const reasoning = (contextWindow: number) => ({ ...chat(contextWindow), reasoning: true });
const embedding = (contextWindow: number, dimensions: boolean) => ({ tools: false, jsonSchema: false, images: false, documents: false, embeddings: true, reasoning: false, dimensions, contextWindow });

/**
 * What OpenAI's models can do, from OpenAI's model pages (context windows in tokens). `reasoning` follows
 * `OPENAI_REASONING_EFFORTS`; `documents` (PDF `file` parts) follows vision, as OpenAI's file-inputs guide says PDFs
 * are read "on models with vision capabilities". Unlisted models get the provider defaults: chat features assumed,
 * window unknown.
 */
export const OPENAI_MODEL_CAPABILITIES: ProviderCapabilities = {
  tools: true,
  jsonSchema: true,
  images: true,
  embeddings: true,
  models: {
    'gpt-4o': chat(128_000),
    'gpt-4o-2024-08-06': chat(128_000),
    'gpt-4o-2024-11-20': chat(128_000),
    'gpt-4o-mini': chat(128_000),
    'gpt-4o-mini-2024-07-18': chat(128_000),
    'gpt-4.1': chat(1_047_576),
    'gpt-4.1-2025-04-14': chat(1_047_576),
    'gpt-4.1-mini': chat(1_047_576),
    'gpt-4.1-nano': chat(1_047_576),
    'gpt-5': reasoning(400_000),
    'gpt-5-2025-08-07': reasoning(400_000),
    'gpt-5-mini': reasoning(400_000),
    'gpt-5-nano': reasoning(400_000),
    o3: reasoning(200_000),
    'o3-2025-04-16': reasoning(200_000),
    'o4-mini': reasoning(200_000),
    'gpt-3.5-turbo': { ...chat(16_385, false), jsonSchema: false },
    // `dimensions` is "only supported in text-embedding-3 and later models" (API reference, embeddings).
    'text-embedding-3-small': embedding(8_191, true),
    'text-embedding-3-large': embedding(8_191, true),
    'text-embedding-ada-002': embedding(8_191, false),
  },
};
