import type * as Zod from 'zod';
import { loadPackage } from '../runtime/load-package.ts';
import type { JsonSchemaLike } from '../types/json-schema-like.ts';

/** True when `value` is a zod (v4) schema. */
export function isZodSchema(value: unknown): value is Zod.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * A JSON Schema object for a JSON Schema or a zod schema (converted with `z.toJSONSchema`, without `$schema`). The
 * zod that converts it is the `zod` package the application's schema comes from (loaded on the first zod schema),
 * not the copy bundled into Switchyard for its config.
 */
export function toJsonSchema(schema: JsonSchemaLike | undefined): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  if (!isZodSchema(schema)) return schema as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = loadPackage<typeof Zod>('zod').toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
