/** What a model can do. Unknown is `undefined`, which routing treats as "assume yes". */
export interface ModelCapabilities {
  /** Function / tool calling. */
  tools?: boolean | undefined;
  /** Structured output with a JSON schema. */
  jsonSchema?: boolean | undefined;
  /** Image inputs. */
  images?: boolean | undefined;
  /** Embeddings. */
  embeddings?: boolean | undefined;
  /** Reasoning controls (`request.reasoning`): routing skips a target with `false` when the request asks for reasoning. */
  reasoning?: boolean | undefined;
  /** Document inputs (`file` parts, such as PDFs). */
  documents?: boolean | undefined;
  /** Embeddings shortened to a requested `dimensions`. */
  dimensions?: boolean | undefined;
  /** The context window in tokens, where known. */
  contextWindow?: number | undefined;
}

/** What a provider can do: defaults for all its models, and per-model entries where known. */
export interface ProviderCapabilities extends ModelCapabilities {
  /** Per-model overrides, keyed by the model id sent on the wire. */
  models?: Record<string, ModelCapabilities> | undefined;
}
