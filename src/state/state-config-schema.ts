import * as z from 'zod';

/**
 * The top-level `state`: what instances share (circuit breakers, limits, budgets, latency averages).
 * @default `{ type: memory }` (this process only)
 */
export const stateConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('memory') }),
  z.strictObject({
    type: z.literal('redis'),
    /** `redis://` or `rediss://` (TLS), with the user and password in the URL and an optional database number as its path. */
    url: z.string().min(1),
    /** Prefix of every key and of the pub/sub channel, so that several deployments can share one Redis. @default "switchyard:" */
    keyPrefix: z.string().min(1).optional(),
    /** The longest any Redis command may take before the call goes on without it, in ms. @default 50 */
    timeoutMs: z.number().int().positive().optional(),
    /** `local`: carry on with this process's own state (one `warning` per outage); `fail`: calls fail with code `state_unavailable`. @default local */
    onUnavailable: z.enum(['local', 'fail']).optional(),
  }),
]);

export type StateConfig = z.infer<typeof stateConfigSchema>;
/** `state` with `type: redis`. */
export type RedisStateConfig = Extract<StateConfig, { type: 'redis' }>;
