import * as z from 'zod';
import type { JsonSchemaLike } from '../types/json-schema-like.ts';

/** True when `value` is a zod (v4) schema. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** A JSON Schema object for a JSON Schema or a zod schema (converted with `z.toJSONSchema`, without `$schema`). */
export function toJsonSchema(schema: JsonSchemaLike | undefined): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  if (!isZodSchema(schema)) return schema as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
