import type { Counter, Histogram, MeterProvider, Tracer, TracerProvider } from '@opentelemetry/api';
import { DURATION_BUCKETS, METRICS, TOKEN_BUCKETS } from './gen-ai-attributes.ts';
import { hasGlobalOtelProvider, otelApi } from './otel-api.ts';
import type { TelemetrySettings } from './telemetry-settings.ts';

/** The instrumentation scope name of Switchyard's spans and metrics. */
export const INSTRUMENTATION_SCOPE = 'switchyard';

// The API's no-op singletons are not exported; these reach the same objects (once the API is loaded).
let noop: { tracerProvider: TracerProvider; meterClass: unknown } | undefined;
const noops = () => (noop ??= { tracerProvider: new (otelApi().ProxyTracerProvider)().getDelegate(), meterClass: otelApi().createNoopMeter().constructor });

function isNoopTracerProvider(provider: TracerProvider): boolean {
  const { ProxyTracerProvider } = otelApi();
  return provider === noops().tracerProvider || (provider instanceof ProxyTracerProvider && provider.getDelegate() === noops().tracerProvider);
}

/** The metric instruments, created once per meter provider. */
export interface MetricInstruments {
  /** `gen_ai.client.token.usage`, in tokens. */
  tokenUsage: Histogram;
  /** `gen_ai.client.operation.duration`, in seconds. */
  operationDuration: Histogram;
  /** `gen_ai.client.operation.time_to_first_chunk`, in seconds. */
  timeToFirstChunk: Histogram;
  /** `switchyard.client.cost`, in nano-USD. */
  cost: Counter;
}

/**
 * Finds the tracer and the metric instruments on every call, so that an SDK registered after Switchyard was
 * created is picked up (the metrics API has no proxy), and answers `undefined` when the provider is the API's
 * no-op one: then nothing is allocated or recorded.
 */
export class TelemetryInstruments {
  readonly #settings: TelemetrySettings;
  #tracerProvider: TracerProvider | undefined;
  #tracer: Tracer | undefined;
  #meterProvider: MeterProvider | undefined;
  #metrics: MetricInstruments | undefined;

  constructor(settings: TelemetrySettings) {
    this.#settings = settings;
  }

  /** The tracer, or undefined when spans would go nowhere. */
  tracer(): Tracer | undefined {
    // No provider given and none registered: nothing to record, and the API need not even be loaded.
    if (this.#settings.tracerProvider === undefined && !hasGlobalOtelProvider('trace')) return undefined;
    const provider = this.#settings.tracerProvider ?? otelApi().trace.getTracerProvider();
    if (provider !== this.#tracerProvider) {
      this.#tracerProvider = provider;
      this.#tracer = provider.getTracer(INSTRUMENTATION_SCOPE);
    }
    return isNoopTracerProvider(provider) ? undefined : this.#tracer;
  }

  /** The metric instruments, or undefined when no meter provider is registered. */
  metrics(): MetricInstruments | undefined {
    if (this.#settings.meterProvider === undefined && !hasGlobalOtelProvider('metrics')) return undefined;
    const provider = this.#settings.meterProvider ?? otelApi().metrics.getMeterProvider();
    if (provider === this.#meterProvider) return this.#metrics;
    this.#meterProvider = provider;
    const meter = provider.getMeter(INSTRUMENTATION_SCOPE);
    this.#metrics =
      meter.constructor === noops().meterClass
        ? undefined
        : {
            tokenUsage: meter.createHistogram(METRICS.tokenUsage, { unit: '{token}', description: 'Number of input and output tokens used per attempt.', valueType: otelApi().ValueType.INT, advice: { explicitBucketBoundaries: TOKEN_BUCKETS } }),
            operationDuration: meter.createHistogram(METRICS.operationDuration, { unit: 's', description: 'Duration of each attempt at a provider.', advice: { explicitBucketBoundaries: DURATION_BUCKETS } }),
            timeToFirstChunk: meter.createHistogram(METRICS.timeToFirstChunk, { unit: 's', description: 'Time to the first content part of a streamed attempt.', advice: { explicitBucketBoundaries: DURATION_BUCKETS } }),
            cost: meter.createCounter(METRICS.cost, { unit: '{nanoUSD}', description: 'Cost of attempts in nano-USD (1e-9 USD), as priced by metering; exact integers.', valueType: otelApi().ValueType.INT }),
          };
    return this.#metrics;
  }
}
