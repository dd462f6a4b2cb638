import * as z from 'zod';
import { zodDef } from '../../src/config/zod-def.ts';

/** Whether this very schema instance carries a description (one attached to a schema it wraps does not count). */
const describedHere = (schema: z.ZodType): boolean => typeof z.globalRegistry.get(schema)?.description === 'string';

/**
 * The config keys that have no description of their own, as paths (`state.url`, `models.<name>.targets[].api`),
 * found in the zod schemas themselves. A key counts as documented only when its own schema instance has a
 * description (what `documentKeys` attaches): `z.toJSONSchema` copies the description of a schema into every
 * schema that wraps it, so a key written `positiveMs.optional()` would otherwise show, and pass with, the
 * description another key gave `positiveMs`. `type` keys (the discriminators) need none.
 */
export function findUndocumentedKeys(schema: z.ZodType, path: string, out: string[] = [], seen: Set<z.ZodType> = new Set()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = zodDef(schema);
  if (def.type === 'object' && def.shape) {
    for (const [key, field] of Object.entries(def.shape)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key !== 'type' && !describedHere(field)) out.push(at);
      findUndocumentedKeys(field, at, out, new Set(seen));
    }
    return out;
  }
  if (def.type === 'record' && def.valueType) return findUndocumentedKeys(def.valueType, `${path}.<name>`, out, seen);
  if (def.type === 'array' && def.element) return findUndocumentedKeys(def.element, `${path}[]`, out, seen);
  for (const inner of [def.innerType, def.in, def.out, def.left, def.right, ...(def.options ?? [])]) if (inner) findUndocumentedKeys(inner, path, out, seen);
  return out;
}
