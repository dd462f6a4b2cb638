/**
 * The OpenTelemetry GenAI semantic-convention names Switchyard emits, copied as strings: the incubating entry
 * point of `@opentelemetry/semantic-conventions` that holds them is deprecated (they moved to the GenAI
 * conventions repository, which has no npm package), and they are plain data.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestSeed: 'gen_ai.request.seed',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  outputType: 'gen_ai.output.type',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  usageReasoningOutputTokens: 'gen_ai.usage.reasoning.output_tokens',
  tokenType: 'gen_ai.token.type',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  toolDefinitions: 'gen_ai.tool.definitions',
  errorType: 'error.type',
} as const;

/** Switchyard's own span and metric attributes. */
export const SWITCHYARD = {
  /** The alias the call was routed by (`providerId:model` for direct calls). */
  alias: 'switchyard.alias',
  /** The provider's config id (`azure-east`). */
  provider: 'switchyard.provider',
  /** The attempt's number within its call, from 1, counting retries, failovers and hedges. */
  attempt: 'switchyard.attempt',
  /** True on an attempt started as a hedge. */
  hedge: 'switchyard.hedge',
  /** On an attempt started by a failover: the provider that failed. */
  failoverFrom: 'switchyard.failover.from',
  /** On an attempt started by a failover: the error code that caused it (`rate_limit`, `unavailable`, …). */
  failoverReason: 'switchyard.failover.reason',
  /** `success`, `error` or `aborted`. */
  outcome: 'switchyard.outcome',
  /** The cost in USD, for display. */
  costUsd: 'switchyard.cost.usd',
  /** The exact cost in nano-USD (an integer). */
  costNanoUsd: 'switchyard.cost.nano_usd',
  /** The provider's request id. */
  requestId: 'switchyard.request_id',
  /** The API version the provider is pinned to. */
  apiVersion: 'switchyard.api_version',
  /** The pinned version, when the served version drifted from it. */
  drift: 'switchyard.drift',
  /** Time to the first content part of a stream attempt, in ms. */
  ttftMs: 'switchyard.ttft_ms',
  /** On the call span: how many attempts the call made (skipped targets included). */
  attempts: 'switchyard.attempts',
  /** On the call span: how many times the call failed over. */
  failovers: 'switchyard.failovers',
  /** On the call span: true for a streaming call. */
  stream: 'switchyard.stream',
} as const;

/** The metric names: the GenAI client metrics, plus Switchyard's cost counter. */
export const METRICS = {
  tokenUsage: 'gen_ai.client.token.usage',
  operationDuration: 'gen_ai.client.operation.duration',
  timeToFirstChunk: 'gen_ai.client.operation.time_to_first_chunk',
  cost: 'switchyard.client.cost',
} as const;

/** The bucket boundaries the GenAI conventions advise for `gen_ai.client.token.usage`. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/** The bucket boundaries the GenAI conventions advise for durations, in seconds. */
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
