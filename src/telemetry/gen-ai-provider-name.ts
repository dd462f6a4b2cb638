/** The well-known `gen_ai.provider.name` values of the GenAI conventions, by Switchyard provider type. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  openai: 'openai',
  'azure-openai': 'azure.ai.openai',
  vertex: 'gcp.vertex_ai',
};

/**
 * The `gen_ai.provider.name` of a Switchyard provider type: the convention's well-known value where it has one
 * (`openai`, `azure.ai.openai`, `gcp.vertex_ai`), else the type itself (`coreweave`, `oci`, a custom type),
 * as the convention has no value for them.
 */
export function genAIProviderName(providerType: string): string {
  return WELL_KNOWN[providerType] ?? providerType;
}

/** The `gen_ai.operation.name` of a Switchyard operation: `chat` (streamed or not) or `embeddings`. */
export function genAIOperationName(operation: 'chat' | 'stream' | 'embed'): 'chat' | 'embeddings' {
  return operation === 'embed' ? 'embeddings' : 'chat';
}
