import type { Attributes } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** A metric reader that only collects when asked. */
class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** An OpenTelemetry SDK kept in memory: finished spans, and metrics on demand. */
export interface OtelHarness {
  tracerProvider: TracerProvider;
  meterProvider: MeterProvider;
  /** The spans that ended, in the order they ended (after the processor's pending exports). */
  spans(): Promise<ReadableSpan[]>;
  /** Collects every metric, by name. */
  metrics(): Promise<Map<string, MetricData>>;
}

export function createOtelHarness(): OtelHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    async spans() {
      await tracerProvider.forceFlush();
      return exporter.getFinishedSpans();
    },
    async metrics() {
      const { resourceMetrics } = await reader.collect();
      const out = new Map<string, MetricData>();
      for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) out.set(metric.descriptor.name, metric);
      return out;
    },
  };
}

/** The data points of a metric whose attributes include `match`. */
export function pointsWith<T>(metric: MetricData | undefined, match: Attributes): DataPoint<T>[] {
  const points = (metric?.dataPoints ?? []) as DataPoint<T>[];
  return points.filter((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v));
}

/** The histogram points of a metric whose attributes include `match`. */
export const histogramPoints = (metric: MetricData | undefined, match: Attributes) => pointsWith<Histogram>(metric, match);

/** Every attribute value and event attribute of the spans, as one string, to search for content. */
export function everythingRecorded(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })), status: s.status })));
}
