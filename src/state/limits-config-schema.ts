import * as z from 'zod';

const perMinute = z.number().int().positive();

/**
 * `limits` on a provider (`providers.<id>.limits`) or on one target of an alias (`models.<alias>.targets[i].limits`):
 * Switchyard's own ceilings, counted across every instance that shares `state`. A target at one of them is skipped
 * without a request, like an open circuit.
 */
export const limitsConfigSchema = z.strictObject({
  /** Requests started in any 60 seconds. */
  requestsPerMinute: perMinute.optional(),
  /** Tokens in any 60 seconds: each request's estimate is reserved before it is sent and settled with its usage after. */
  tokensPerMinute: perMinute.optional(),
  /** Requests in flight at once. */
  maxConcurrency: z.number().int().positive().optional(),
});

/** `limits` on an alias (and in `defaults`): how calls wait when every target is at a limit. */
export const aliasLimitsConfigSchema = z.strictObject({
  /** How long a call may wait for capacity when every target is at one of its `limits`, in ms (within its deadline). @default 0 */
  queueMs: z.number().int().nonnegative().optional(),
});

export type LimitsConfig = z.infer<typeof limitsConfigSchema>;
export type AliasLimitsConfig = z.infer<typeof aliasLimitsConfigSchema>;
