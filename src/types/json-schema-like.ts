/**
 * A JSON Schema object, or a zod schema (anything with zod's `toJSONSchema` support).
 * Zod schemas are converted with `z.toJSONSchema` before they are sent.
 */
export type JsonSchemaLike = Record<string, unknown> | { readonly _zod: unknown };
