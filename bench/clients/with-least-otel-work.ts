import { performance } from 'node:perf_hooks';
import { context, metrics, SpanKind, trace, ValueType, type Attributes, type Span } from '@opentelemetry/api';
import { GEN_AI, METRICS, SWITCHYARD } from '../../src/telemetry/gen-ai-attributes.ts';
import { MAX_TOKENS } from '../bench-text.ts';
import type { BenchClient, BenchReply } from './bench-client.ts';

/**
 * Wraps a client (the floor, in `floor-client:otel=sdk`) in the least OpenTelemetry work that the spans and metrics
 * Switchyard must record (issue 9: a call span and a client span per attempt with the GenAI attributes, and the GenAI
 * client metrics plus cost) cost an application with an SDK registered: the same two spans with the same attributes,
 * the call span made active around the attempt as a caller's code would see it, and the same metric records (operation
 * duration, input and output token usage, time to first chunk for a stream, cost), each with attribute objects built
 * once. Nothing of Switchyard runs: what this adds to the floor is what the SDK itself costs for that telemetry, the
 * floor under Switchyard's own "OpenTelemetry SDK registered" figure.
 */
export function withLeastOtelWork(client: BenchClient): BenchClient {
  const tracer = trace.getTracer('bench-least-otel-work');
  const meter = metrics.getMeter('bench-least-otel-work');
  const tokenUsage = meter.createHistogram(METRICS.tokenUsage, { unit: '{token}', valueType: ValueType.INT });
  const duration = meter.createHistogram(METRICS.operationDuration, { unit: 's' });
  const firstChunk = meter.createHistogram(METRICS.timeToFirstChunk, { unit: 's' });
  const cost = meter.createCounter(METRICS.cost, { unit: '{nanoUSD}', valueType: ValueType.INT });
  const base: Attributes = {
    [GEN_AI.operationName]: 'chat',
    [GEN_AI.providerName]: 'openai',
    [GEN_AI.requestModel]: 'gpt-4o',
    [SWITCHYARD.alias]: 'chat',
    [SWITCHYARD.provider]: 'primary',
    [GEN_AI.responseModel]: 'gpt-4o',
  };
  const input: Attributes = { ...base, [GEN_AI.tokenType]: 'input' };
  const output: Attributes = { ...base, [GEN_AI.tokenType]: 'output' };

  const traced = async (operation: 'chat' | 'stream', call: () => Promise<BenchReply>): Promise<BenchReply> => {
    const startedAt = performance.now();
    const callSpan = tracer.startSpan('chat chat', {
      kind: SpanKind.INTERNAL,
      attributes: { [GEN_AI.operationName]: 'chat', [GEN_AI.requestModel]: 'chat', [SWITCHYARD.alias]: 'chat', [GEN_AI.requestMaxTokens]: MAX_TOKENS, [GEN_AI.outputType]: 'text' },
    });
    if (operation === 'stream') callSpan.setAttribute(SWITCHYARD.stream, true);
    const callContext = trace.setSpan(context.active(), callSpan);
    const reply = await context.with(callContext, async () => {
      const attempt = tracer.startSpan(
        'chat gpt-4o',
        {
          kind: SpanKind.CLIENT,
          attributes: { [GEN_AI.operationName]: 'chat', [GEN_AI.providerName]: 'openai', [GEN_AI.requestModel]: 'gpt-4o', [SWITCHYARD.alias]: 'chat', [SWITCHYARD.provider]: 'primary', [SWITCHYARD.attempt]: 1, [GEN_AI.requestMaxTokens]: MAX_TOKENS, [GEN_AI.outputType]: 'text' },
        },
        callContext,
      );
      const reply = await call();
      const nanoUsd = setResult(attempt, reply);
      attempt.setAttribute(SWITCHYARD.outcome, 'success');
      attempt.setAttribute(SWITCHYARD.requestId, 'chatcmpl-bench');
      if (reply.firstPartAt !== undefined) attempt.setAttribute(SWITCHYARD.ttftMs, reply.firstPartAt - startedAt);
      attempt.end();
      duration.record((performance.now() - startedAt) / 1000, base);
      if (reply.firstPartAt !== undefined) firstChunk.record((reply.firstPartAt - startedAt) / 1000, base);
      tokenUsage.record(20, input);
      tokenUsage.record(reply.outputTokens, output);
      cost.add(nanoUsd, base);
      return reply;
    });
    setResult(callSpan, reply);
    callSpan.setAttribute(GEN_AI.providerName, 'openai');
    callSpan.setAttribute(SWITCHYARD.provider, 'primary');
    callSpan.setAttribute(GEN_AI.responseFinishReasons, ['stop']);
    callSpan.setAttribute(SWITCHYARD.attempts, 1);
    callSpan.setAttribute(SWITCHYARD.failovers, 0);
    callSpan.end();
    return reply;
  };

  return {
    describe: `${client.describe}, with the least OpenTelemetry work Switchyard's spans and metrics need (SDK registered as for Switchyard's otel=sdk)`,
    chat: () => traced('chat', () => client.chat()),
    stream: () => traced('stream', () => client.stream()),
    close: () => client.close(),
  };
}

/** The attributes both spans get from the answer (served model, usage, cost), as Switchyard sets them; returns the cost in nano-USD. */
function setResult(span: Span, reply: BenchReply): number {
  const nanoUsd = 100_000 + reply.outputTokens;
  span.setAttribute(GEN_AI.responseModel, 'gpt-4o');
  span.setAttribute(GEN_AI.usageInputTokens, 20);
  span.setAttribute(GEN_AI.usageOutputTokens, reply.outputTokens);
  span.setAttribute(SWITCHYARD.costUsd, nanoUsd / 1e9);
  span.setAttribute(SWITCHYARD.costNanoUsd, nanoUsd);
  return nanoUsd;
}
