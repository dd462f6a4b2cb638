/** A tool call the model made. */
export interface ToolCall {
  /** The call's id (the provider's, or a stable generated one where the provider has none). */
  id: string;
  /** The tool's name. */
  name: string;
  /** The arguments, parsed from JSON. When the model produced invalid JSON, the raw text. */
  arguments: unknown;
  /** The arguments exactly as the model produced them. */
  rawArguments: string;
}
