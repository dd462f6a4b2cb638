/** The publishers whose models Switchyard calls on Vertex AI: Google's (generateContent) and Anthropic's (rawPredict). */
export type VertexPublisher = 'google' | 'anthropic';

/** A model of a Vertex request: who publishes it and its bare id. */
export interface VertexModelRoute {
  publisher: VertexPublisher;
  /** The model id without a resource path (`claude-sonnet-4-5@20250929`), for what Switchyard knows about it. */
  modelId: string;
}

const RESOURCE = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/([^/]+)\/models\/([^/:]+)$/;

/**
 * Whose model a request names: a resource path says so (`publishers/anthropic/models/claude-opus-4-6`, also under
 * `projects/…/locations/…`); else the provider's `publisher` setting; else the id: `claude-*` ids are Anthropic's,
 * every other id (and an `endpoints/…` path) Google's.
 * @example vertexModelRoute('claude-sonnet-4-5@20250929') // { publisher: 'anthropic', modelId: 'claude-sonnet-4-5@20250929' }
 */
export function vertexModelRoute(model: string, configured?: VertexPublisher): VertexModelRoute {
  const resource = model.includes('/') ? RESOURCE.exec(model) : null;
  if (resource) return { publisher: resource[1] === 'anthropic' ? 'anthropic' : 'google', modelId: resource[2] as string };
  if (configured) return { publisher: configured, modelId: model };
  return { publisher: /^claude-/i.test(model) ? 'anthropic' : 'google', modelId: model };
}
