import * as z from 'zod';

/**
 * The `versions` block: at the top level, overridable per alias.
 * - `floating`: what to do with a model id that floats (`gpt-4o`, `*-latest`). @default 'warn'
 * - `onDrift`: what to do when the served version differs from the pin. @default 'warn'
 * - `retirementWarningDays`: warn this many days before a known retirement. @default 90
 */
export const versionsConfigSchema = z.strictObject({
  floating: z.enum(['allow', 'warn', 'error']).optional(),
  onDrift: z.enum(['warn', 'error', 'failover']).optional(),
  retirementWarningDays: z.number().int().nonnegative().optional(),
});

export type VersionsConfig = z.infer<typeof versionsConfigSchema>;
