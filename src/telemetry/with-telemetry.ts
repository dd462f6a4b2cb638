import { AsyncLocalStorage } from 'node:async_hooks';
import type { Switchyard } from '../switchyard.ts';
import type { AttemptStartEvent } from '../types/attempt-event.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ChatResult } from '../types/chat-result.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { EmbedResult } from '../types/embed-result.ts';
import type { RoutedStreamPart } from '../types/routed-result.ts';
import { CallTrace } from './call-trace.ts';
import { MetricAttributeSets } from './metric-attribute-sets.ts';
import { otelApi } from './otel-api.ts';
import { recordAttemptMetrics } from './record-attempt-metrics.ts';
import { TelemetryInstruments } from './telemetry-instruments.ts';
import type { TelemetrySettings } from './telemetry-settings.ts';
import { TracedStream } from './traced-stream.ts';

/**
 * Adds OpenTelemetry to a Switchyard: a call span for each `chat`, `stream` and `embed` (covering failovers and,
 * for a stream, everything up to its `finish`), a client span for each attempt under it, and the GenAI client
 * metrics, following the GenAI semantic conventions. `createSwitchyard` applies it unless `telemetry: false`.
 * Through `@opentelemetry/api` only: with no SDK registered, a call costs a provider lookup and nothing else.
 * Prompts and completions are recorded only with `recordContent: true`.
 * @example
 * const sy = withTelemetry(createSwitchyard('switchyard.yaml', { telemetry: false }), { tracerProvider });
 */
export function withTelemetry(sy: Switchyard, settings: TelemetrySettings = {}): Switchyard {
  if (settings.enabled === false) return sy;
  const instruments = new TelemetryInstruments(settings);
  const recordContent = settings.recordContent === true;
  const current = new AsyncLocalStorage<CallTrace>();
  const inFlight = new Set<CallTrace>();
  const attributeSets = new MetricAttributeSets();

  // An attempt may end outside its call's async context (a caller's abort fired from elsewhere): find its call.
  const ownerOf = (event: AttemptStartEvent): CallTrace | undefined => {
    const trace = current.getStore();
    if (trace?.ownsAttempt(event)) return trace;
    for (const candidate of inFlight) if (candidate.ownsAttempt(event)) return candidate;
    return undefined;
  };
  sy.on('attempt-start', (event) => current.getStore()?.attemptStarted(event));
  sy.on('attempt-end', (event) => {
    ownerOf(event)?.attemptEnded(event);
    const metrics = instruments.metrics();
    if (metrics) recordAttemptMetrics(metrics, event, attributeSets);
  });
  sy.on('failover', (event) => current.getStore()?.failedOver(event));
  sy.on('hedge', (event) => current.getStore()?.hedged(event));

  const begin = (operation: 'chat' | 'stream' | 'embed', request: ChatRequest | EmbedRequest): CallTrace | undefined => {
    const tracer = instruments.tracer();
    const trace = tracer && CallTrace.start(tracer, operation, request, recordContent);
    if (!trace) return undefined;
    inFlight.add(trace);
    trace.onEnd = () => inFlight.delete(trace);
    return trace;
  };
  const run = <T>(trace: CallTrace, fn: () => T): T => otelApi().context.with(trace.context, () => current.run(trace, fn));
  const traced = <T extends ChatResult | EmbedResult>(trace: CallTrace, call: () => Promise<T>): Promise<T> =>
    run(trace, call).then(
      (result) => {
        trace.succeed(result, recordContent && 'text' in result ? result : undefined);
        return result;
      },
      (error: unknown) => {
        trace.fail(error);
        throw error;
      },
    );

  return {
    ...sy,
    chat(request) {
      const trace = begin('chat', request);
      return trace ? traced(trace, () => sy.chat(request)) : sy.chat(request);
    },
    embed(request) {
      const trace = begin('embed', request);
      return trace ? traced(trace, () => sy.embed(request)) : sy.embed(request);
    },
    stream(request) {
      if (!instruments.tracer()) return sy.stream(request);
      // The traced stream passes on the router's parts as they are.
      return { [Symbol.asyncIterator]: () => new TracedStream(() => sy.stream(request)[Symbol.asyncIterator](), () => begin('stream', request), run, recordContent) } as AsyncIterable<RoutedStreamPart>;
    },
  };
}
