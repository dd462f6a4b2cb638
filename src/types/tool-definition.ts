import type { JsonSchemaLike } from './json-schema-like.ts';

/** A function the model may call. */
export interface ToolDefinition {
  /** The tool's name: letters, digits, `_` and `-`, at most 64 characters (the strictest provider's rule). */
  name: string;
  /** What the tool does, for the model. */
  description?: string | undefined;
  /** The arguments as JSON Schema (an object schema) or a zod schema. @default `{ type: 'object', properties: {} }` */
  parameters?: JsonSchemaLike | undefined;
  /** Ask for strict schema adherence where the provider supports it (OpenAI `strict: true`). @default false */
  strict?: boolean | undefined;
}

/**
 * Whether and which tool the model must call.
 * `auto` lets it choose, `none` forbids calls, `required` forces some call, `{ name }` forces that tool.
 * @default 'auto' when `tools` are given
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };
