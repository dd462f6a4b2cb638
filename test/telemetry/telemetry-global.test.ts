import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, metrics, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { TelemetryInstruments } from '../../src/telemetry/telemetry-instruments.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { network } from '../setup/network.ts';
import { createOtelHarness } from './otel-harness.ts';

const config = { providers: { openai: { type: 'openai', apiKey: 'sk-test-global-0123456789' } }, models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }] } }, ledger: { type: 'none' } };
const messages = [{ role: 'user' as const, content: 'Hello' }];

afterEach(() => {
  trace.disable();
  metrics.disable();
  context.disable();
});

describe('telemetry through the global OpenTelemetry API', () => {
  it('should find no tracer and no instruments when no SDK is registered', () => {
    const instruments = new TelemetryInstruments({});
    expect(instruments.tracer()).toBeUndefined();
    expect(instruments.metrics()).toBeUndefined();
  });

  it('should pick up an SDK registered after the Switchyard was created', async () => {
    network.use(...createOpenAIMock({ script: { type: 'text', text: 'Hi there', usage: { inputTokens: 3, outputTokens: 2 } } }).handlers);
    const sy = createSwitchyard(config);
    await sy.chat({ model: 'chat', messages });
    const otel = createOtelHarness();
    trace.setGlobalTracerProvider(otel.tracerProvider);
    metrics.setGlobalMeterProvider(otel.meterProvider);
    await sy.chat({ model: 'chat', messages });
    const spans = await otel.spans();
    expect(spans.map((s) => s.name).sort()).toEqual(['chat chat', 'chat gpt-4o-mini-2024-07-18']);
    expect(spans.every((s) => s.instrumentationScope.name === 'switchyard')).toBe(true);
    const tokens = (await otel.metrics()).get('gen_ai.client.token.usage');
    expect(tokens?.dataPoints).toHaveLength(2);
    await sy.close();
  });

  it("should make the call span a child of the caller's active span", async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const otel = createOtelHarness();
    trace.setGlobalTracerProvider(otel.tracerProvider);
    network.use(...createOpenAIMock({ script: { type: 'text', text: 'Hi there' } }).handlers);
    const sy = createSwitchyard(config);
    const handler = trace.getTracer('my-app').startSpan('POST /answer');
    await context.with(trace.setSpan(context.active(), handler), () => sy.chat({ model: 'chat', messages }));
    handler.end();
    const spans = await otel.spans();
    const call = spans.find((s) => s.name === 'chat chat');
    const attempt = spans.find((s) => s.name === 'chat gpt-4o-mini-2024-07-18');
    expect(call?.parentSpanContext?.spanId).toBe(handler.spanContext().spanId);
    expect(attempt?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    await sy.close();
  });
});
