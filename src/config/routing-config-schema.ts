import * as z from 'zod';
import { ERROR_CLASSES } from '../resilience/error-class.ts';
import { aliasLimitsConfigSchema, limitsConfigSchema } from '../state/limits-config-schema.ts';
import { versionsConfigSchema } from '../versions/versions-config-schema.ts';

const ms = z.number().int().nonnegative();
const positiveMs = z.number().int().positive();

/** `capabilities` on a provider or a target: overrides what Switchyard knows about a model. */
export const capabilitiesConfigSchema = z.strictObject({
  tools: z.boolean().optional(),
  images: z.boolean().optional(),
  jsonSchema: z.boolean().optional(),
  embeddings: z.boolean().optional(),
  /** In tokens. */
  contextWindow: z.number().int().positive().optional(),
});

/**
 * `retry`: tries of one target, the first included (1: no retry), and the backoff between them.
 * @default `{ attempts: 2, minDelayMs: 200, maxDelayMs: 10000 }`; `attempts` is 1 when the alias has a fallback target
 */
export const retryConfigSchema = z.strictObject({
  attempts: z.number().int().min(1).max(10).optional(),
  minDelayMs: ms.optional(),
  maxDelayMs: ms.optional(),
});

/** `timeouts`, in milliseconds. @default `{ totalMs: 600000 }` */
export const timeoutsConfigSchema = z.strictObject({
  totalMs: positiveMs.optional(),
  attemptMs: positiveMs.optional(),
  firstTokenMs: positiveMs.optional(),
});

/** `circuitBreaker`, at the top level (the default) and per alias. @default `{ consecutiveFailures: 5, cooldownMs: 30000 }` */
export const circuitBreakerConfigSchema = z.strictObject({
  consecutiveFailures: z.number().int().min(1).optional(),
  cooldownMs: ms.optional(),
  failureRate: z
    .strictObject({
      threshold: z.number().gt(0).max(1),
      windowMs: positiveMs,
      minRequests: z.number().int().min(1),
    })
    .optional(),
});

/** `strategy`. @default 'priority' */
export const strategySchema = z.enum(['priority', 'weighted', 'round-robin', 'least-latency', 'lowest-cost']);

/** `fallbackOn`: the error classes that move on to the next target. @default ['rate-limit', 'unavailable', 'timeout', 'connection'] */
export const fallbackOnSchema = z.array(z.enum(ERROR_CLASSES));

/** One entry of an alias's `targets`. */
export const targetConfigSchema = z.strictObject({
  /** A key of `providers`. */
  provider: z.string().min(1),
  /** The model sent on the wire (for Azure, the deployment name). */
  model: z.string().min(1),
  /** For `strategy: weighted`. @default 1 */
  weight: z.number().nonnegative().optional(),
  /** For `strategy: lowest-cost` when metering has no price: USD per million tokens. */
  costHint: z.number().nonnegative().optional(),
  capabilities: capabilitiesConfigSchema.optional(),
  /** The version the target must serve. */
  pin: z.string().min(1).optional(),
  /** This target's own limits (requestsPerMinute, tokensPerMinute, maxConcurrency), beside its provider's. */
  limits: limitsConfigSchema.optional(),
});

/** The settings an alias may set, which `defaults` sets for every alias and for direct `providerId:model` calls. */
const routingShape = {
  strategy: strategySchema.optional(),
  retry: retryConfigSchema.optional(),
  timeouts: timeoutsConfigSchema.optional(),
  fallbackOn: fallbackOnSchema.optional(),
  hedge: z.strictObject({ afterMs: positiveMs }).optional(),
  /** `queueMs`: how long a call waits for capacity when every target is at a limit. */
  limits: aliasLimitsConfigSchema.optional(),
};

/** `defaults`: routing settings for aliases that do not set them, and for direct `providerId:model` calls. */
export const defaultsConfigSchema = z.strictObject(routingShape);

/** One entry of `models`: an alias. */
export const aliasConfigSchema = z.strictObject({
  ...routingShape,
  circuitBreaker: circuitBreakerConfigSchema.optional(),
  targets: z.array(targetConfigSchema).min(1),
  require: z.strictObject({ tags: z.array(z.string().min(1)).min(1) }).optional(),
  versions: versionsConfigSchema.optional(),
});

export type CapabilitiesConfig = z.infer<typeof capabilitiesConfigSchema>;
export type RetryConfig = z.infer<typeof retryConfigSchema>;
export type TimeoutsConfig = z.infer<typeof timeoutsConfigSchema>;
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerConfigSchema>;
export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type AliasConfig = z.infer<typeof aliasConfigSchema>;
export type DefaultsConfig = z.infer<typeof defaultsConfigSchema>;
