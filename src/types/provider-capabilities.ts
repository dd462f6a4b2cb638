/** What a model can do. Unknown is `undefined`, which routing treats as "assume yes". */
export interface ModelCapabilities {
  /** Function / tool calling. */
  tools?: boolean;
  /** Structured output with a JSON schema. */
  jsonSchema?: boolean;
  /** Image inputs. */
  images?: boolean;
  /** Embeddings. */
  embeddings?: boolean;
  /** Reasoning controls (`request.reasoning`): routing skips a target with `false` when the request asks for reasoning. */
  reasoning?: boolean;
  /** Document inputs (`file` parts, such as PDFs). */
  documents?: boolean;
  /** Embeddings shortened to a requested `dimensions`. */
  dimensions?: boolean;
  /** The context window in tokens, where known. */
  contextWindow?: number;
}

/** What a provider can do: defaults for all its models, and per-model entries where known. */
export interface ProviderCapabilities extends ModelCapabilities {
  /** Per-model overrides, keyed by the model id sent on the wire. */
  models?: Record<string, ModelCapabilities>;
}
