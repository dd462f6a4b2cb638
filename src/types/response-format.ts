import type { JsonSchemaLike } from './json-schema-like.ts';

/**
 * The shape of the reply. `text` is the default; `json` asks for a JSON object, and with `schema`
 * for structured output that follows it (OpenAI `json_schema`, Vertex `responseSchema`).
 */
export type ResponseFormat =
  | { type: 'text' }
  | {
      type: 'json';
      /** JSON Schema or a zod schema the reply must follow. Without it, any JSON object. */
      schema?: JsonSchemaLike | undefined;
      /** A name for the schema (OpenAI requires one). @default 'response' */
      name?: string | undefined;
      /** Ask for strict schema adherence where the provider supports it (OpenAI `strict: true`, which needs `additionalProperties: false` and every property required). @default false */
      strict?: boolean | undefined;
      /** A description of the schema, for the model. */
      description?: string | undefined;
    };
