import * as z from 'zod';
import { budgetSchema } from '../metering/metering-config-schema.ts';

/** The metering tag the gateway sets to the name of the key that authenticated a request. */
export const KEY_TAG = 'key';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** One budget of a virtual key: a top-level budget (`budgets`) that covers only this key's requests. */
export const gatewayKeyBudgetSchema = budgetSchema.omit({ tag: true });

/**
 * One virtual key of `gateway.keys`. `key` is the secret a client sends as `Authorization: Bearer <key>`: written as
 * `${ENV}` (the value comes from the environment) or as `sha256:<64 hex digits>`, the SHA-256 of the key, so that the
 * config holds no secret at all (`printf %s "$KEY" | sha256sum`).
 */
export const gatewayKeySchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .refine((k) => !k.startsWith('sha256:') || DIGEST.test(k), 'a sha256: digest is 64 lower-case hex digits after sha256:')
    .refine((k) => k.startsWith('sha256:') || k.length >= 16, 'a key must be at least 16 characters (or a sha256: digest)'),
  /** A name for the key: in the ledger as the tag `key`, in metrics and logs. Never secret. */
  name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'expected 1 to 64 letters, digits, _ . @ or -'),
  /** The metering tags of every request made with the key (`switchyard report --by tag:tenant`). */
  tags: z
    .record(z.string().min(1), z.string())
    .refine((tags) => !(KEY_TAG in tags), `the tag "${KEY_TAG}" is set by the gateway to the key's name; choose another tag name`)
    .optional(),
  /** The aliases (or `providerId:model` addresses) the key may use. @default every alias and address */
  aliases: z.array(z.string().min(1)).min(1).optional(),
  /** Budgets that cover this key's requests only (the same fields as a top-level budget, without `tag`). */
  budgets: z.array(gatewayKeyBudgetSchema).optional(),
});

/** `gateway.cors`: which browser origins may call the gateway. @default off */
export const gatewayCorsSchema = z.union([
  z.boolean(),
  z.strictObject({
    /** Allowed origins (`https://app.example.com`), or `['*']` for any. */
    origins: z.array(z.string().min(1)).min(1),
    /** How long a browser may cache a preflight answer, in seconds. @default 600 */
    maxAgeS: z.number().int().nonnegative().optional(),
  }),
]);

/** The `gateway` section: settings of `switchyard serve` and of `createGateway` (whose options win). */
export const gatewayConfigSchema = z.strictObject({
  /** Virtual keys. Without keys the gateway asks for no key, and `switchyard serve` binds only to loopback. */
  keys: z.array(gatewayKeySchema).optional(),
  /** The largest request body accepted, in bytes (413 above). @default 10485760 (10 MiB) */
  maxBodyBytes: z.number().int().positive().optional(),
  /** Requests served at once; more are answered 503 with `retry-after: 1`. @default no limit */
  maxConcurrentRequests: z.number().int().positive().optional(),
  /** On SIGTERM/SIGINT or `close()`, how long requests and streams in flight may take to finish, in ms. @default 30000 */
  drainMs: z.number().int().nonnegative().optional(),
  /** CORS for browser clients: `true` for any origin, or `{ origins }`. @default false */
  cors: gatewayCorsSchema.optional(),
});

export type GatewayKeyBudgetConfig = z.infer<typeof gatewayKeyBudgetSchema>;
export type GatewayKeyConfig = z.infer<typeof gatewayKeySchema>;
export type GatewayCorsConfig = z.infer<typeof gatewayCorsSchema>;
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
