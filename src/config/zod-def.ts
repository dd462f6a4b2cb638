import type * as z from 'zod';

/** The parts of a zod 4 schema's definition (`_zod.def`) that Switchyard's schema walks read; all but `type` optional. */
export interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

/**
 * A schema's definition: zod 4 keeps it on `_zod.def`, which its public API does not type. The one place that reaches
 * into it, for the walks that find a key's schema (`knownKeys`), document keys and list undocumented ones.
 */
export function zodDef(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}
