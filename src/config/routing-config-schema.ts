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
  /** Whether embeddings honour a requested `dimensions` (false: such requests try this target last). */
  dimensions: z.boolean().optional(),
  /** Reasoning controls (`request.reasoning`): `false` skips the target when a request asks for reasoning. */
  reasoning: z.boolean().optional(),
  /** Document inputs (`file` parts): `false` skips the target when a request has one. */
  documents: z.boolean().optional(),
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

/** `timeouts`, in milliseconds. @default `{ totalMs: 600000, idleMs: 60000 }` */
export const timeoutsConfigSchema = z.strictObject({
  totalMs: positiveMs.optional(),
  attemptMs: positiveMs.optional(),
  firstTokenMs: positiveMs.optional(),
  /** A stream that sends no part for this long after its first one ends with `TimeoutError` kind `idle`. */
  idleMs: positiveMs.optional(),
});

/**
 * `circuitBreaker`, at the top level (the default) and per alias.
 * @default `{ consecutiveFailures: 5, cooldownMs: 30000, quotaCooldownMs: 600000 }`
 */
export const circuitBreakerConfigSchema = z.strictObject({
  consecutiveFailures: z.number().int().min(1).optional(),
  cooldownMs: ms.optional(),
  /** How long a target whose credits or quota are used up (`quota_exhausted`, HTTP 402) is skipped. @default 600000 */
  quotaCooldownMs: ms.optional(),
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

/** `fallbackOn`: the error classes that move on to the next target. @default ['rate-limit', 'unavailable', 'timeout', 'connection', 'quota'] */
export const fallbackOnSchema = z.array(z.enum(ERROR_CLASSES));

/** `spillover` on an Azure OpenAI provider or target: the standard deployment a provisioned deployment spills over to. */
export const spilloverConfigSchema = z.strictObject({
  /** The standard (pay-as-you-go) deployment in the same resource, sent as `x-ms-spillover-deployment`. */
  deployment: z.string().min(1),
});

/** `requestType` on a Vertex AI provider or target. */
export const requestTypeConfigSchema = z.enum(['provisioned', 'shared', 'priority', 'flex']);

/** `serviceTier` on a target (OpenAI wire format): sent as `service_tier` unless the request sets its own. */
export const serviceTierConfigSchema = z.enum(['auto', 'default', 'flex', 'priority']);

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
  /**
   * The API this target calls, for providers on the OpenAI wire format that serve more than one (`openai`,
   * `azure-openai` on the v1 API, `oci`): `chat` (Chat Completions) or `responses` (the Responses API).
   * @default the provider's `api` ('chat')
   */
  api: z.enum(['chat', 'responses']).optional(),
  /**
   * Vertex AI: the model's publisher. `anthropic` sends the model through Anthropic's Messages format
   * (`publishers/anthropic/models/{model}:rawPredict`); `claude-*` ids need no publisher.
   */
  publisher: z.enum(['google', 'anthropic']).optional(),
  /** Azure OpenAI: spill over from this (provisioned) deployment to a standard one; overrides the provider's. */
  spillover: spilloverConfigSchema.optional(),
  /** Vertex AI: the capacity to use (`provisioned`, `shared`, `priority`, `flex`); overrides the provider's. */
  requestType: requestTypeConfigSchema.optional(),
  /** OpenAI wire format: the service tier to ask for (`auto`, `default`, `flex`, `priority`) when the request sets none. */
  serviceTier: serviceTierConfigSchema.optional(),
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
