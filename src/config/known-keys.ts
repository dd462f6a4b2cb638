import type * as z from 'zod';
import { zodDef, type ZodDef } from './zod-def.ts';

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = zodDef(current);
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'catch' || def.type === 'readonly') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function pickOption(def: ZodDef, input: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator && input !== null && typeof input === 'object') {
    const tag = (input as Record<string, unknown>)[def.discriminator];
    for (const option of options) {
      const shape = zodDef(unwrap(option)).shape;
      const literal = shape?.[def.discriminator] as unknown as { _zod?: { def?: { values?: unknown[] } } } | undefined;
      if (literal?._zod?.def?.values?.includes(tag)) return option;
    }
    return undefined;
  }
  const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
  return options.find((o) => (zodDef(unwrap(o)).type === 'object') === isObject && (zodDef(unwrap(o)).type === 'array') === Array.isArray(input));
}

/** The schema at `path` inside `schema`, following `input` to choose among union options. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): { schema: z.ZodType; input: unknown } | undefined {
  let current = unwrap(schema);
  let value = input;
  for (const key of path) {
    let def = zodDef(current);
    if (def.type === 'union') {
      const option = pickOption(def, value);
      if (!option) return undefined;
      current = unwrap(option);
      def = zodDef(current);
    }
    const next = def.type === 'object' ? def.shape?.[String(key)] : def.type === 'record' ? def.valueType : def.type === 'array' ? def.element : undefined;
    if (!next) return undefined;
    current = unwrap(next);
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as string] : undefined;
  }
  const def = zodDef(current);
  if (def.type === 'union') {
    const option = pickOption(def, value);
    if (option) current = unwrap(option);
  }
  return { schema: current, input: value };
}

/** The keys an object schema at `path` allows (for "unknown key" messages), or undefined when it is not an object. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): string[] | undefined {
  const found = schemaAt(schema, path, input);
  if (!found) return undefined;
  const shape = zodDef(found.schema).shape;
  return shape ? Object.keys(shape) : undefined;
}
