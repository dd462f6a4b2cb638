import { performance } from 'node:perf_hooks';
import { context, metrics, SpanKind, trace, ValueType, type Attributes, type Span } from '@opentelemetry/api';
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
  const tokenUsage = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}', valueType: ValueType.INT });
  const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
  const firstChunk = meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', { unit: 's' });
  const cost = meter.createCounter('switchyard.client.cost', { unit: '{nanoUSD}', valueType: ValueType.INT });
  const base: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'switchyard.alias': 'chat',
    'switchyard.provider': 'primary',
    'gen_ai.response.model': 'gpt-4o',
  };
  const input: Attributes = { ...base, 'gen_ai.token.type': 'input' };
  const output: Attributes = { ...base, 'gen_ai.token.type': 'output' };

  const traced = async (operation: 'chat' | 'stream', call: () => Promise<BenchReply>): Promise<BenchReply> => {
    const startedAt = performance.now();
    const callSpan = tracer.startSpan('chat chat', {
      kind: SpanKind.INTERNAL,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'chat', 'switchyard.alias': 'chat', 'gen_ai.request.max_tokens': MAX_TOKENS, 'gen_ai.output.type': 'text' },
    });
    if (operation === 'stream') callSpan.setAttribute('switchyard.stream', true);
    const callContext = trace.setSpan(context.active(), callSpan);
    const reply = await context.with(callContext, async () => {
      const attempt = tracer.startSpan(
        'chat gpt-4o',
        {
          kind: SpanKind.CLIENT,
          attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'switchyard.alias': 'chat', 'switchyard.provider': 'primary', 'switchyard.attempt': 1, 'gen_ai.request.max_tokens': MAX_TOKENS, 'gen_ai.output.type': 'text' },
        },
        callContext,
      );
      const reply = await call();
      const nanoUsd = setResult(attempt, reply);
      attempt.setAttribute('switchyard.outcome', 'success');
      attempt.setAttribute('switchyard.request_id', 'chatcmpl-bench');
      if (reply.firstPartAt !== undefined) attempt.setAttribute('switchyard.ttft_ms', reply.firstPartAt - startedAt);
      attempt.end();
      duration.record((performance.now() - startedAt) / 1000, base);
      if (reply.firstPartAt !== undefined) firstChunk.record((reply.firstPartAt - startedAt) / 1000, base);
      tokenUsage.record(20, input);
      tokenUsage.record(reply.outputTokens, output);
      cost.add(nanoUsd, base);
      return reply;
    });
    setResult(callSpan, reply);
    callSpan.setAttribute('gen_ai.provider.name', 'openai');
    callSpan.setAttribute('switchyard.provider', 'primary');
    callSpan.setAttribute('gen_ai.response.finish_reasons', ['stop']);
    callSpan.setAttribute('switchyard.attempts', 1);
    callSpan.setAttribute('switchyard.failovers', 0);
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
  span.setAttribute('gen_ai.response.model', 'gpt-4o');
  span.setAttribute('gen_ai.usage.input_tokens', 20);
  span.setAttribute('gen_ai.usage.output_tokens', reply.outputTokens);
  span.setAttribute('switchyard.cost.usd', nanoUsd / 1e9);
  span.setAttribute('switchyard.cost.nano_usd', nanoUsd);
  return nanoUsd;
}
