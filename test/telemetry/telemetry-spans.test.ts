import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createSwitchyard, type SwitchyardOptions } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { createOtelHarness, everythingRecorded, type OtelHarness } from './otel-harness.ts';

const PROMPT = 'What is the capital of Burkina Faso? Answer with one word.';
const REPLY = 'Ouagadougou';
const env = { AZURE_OPENAI_API_KEY: 'azure-key-0123456789abcdef', VERTEX_TOKEN: 'ya29.c.telemetry-test-token' };

const config = {
  providers: {
    'azure-east': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
    vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: '${VERTEX_TOKEN}', prices: { 'gemini-2.0-flash-001': { input: 0.1, output: 0.4 } } },
    cw: { type: 'coreweave', baseURL: 'https://llm.acme.example/v1', apiKey: 'cw-key', prices: { 'meta-llama/Llama-3.3-70B-Instruct': { input: 0.6, output: 0.6 } } },
  },
  models: {
    chat: {
      targets: [
        { provider: 'azure-east', model: 'prod-gpt4o' },
        { provider: 'vertex', model: 'gemini-2.0-flash-001' },
      ],
      retry: { attempts: 1 },
    },
    llama: { targets: [{ provider: 'cw', model: 'meta-llama/Llama-3.3-70B-Instruct' }] },
  },
  ledger: { type: 'none' },
};

function setup(otel: OtelHarness, telemetry: SwitchyardOptions['telemetry'] = {}) {
  return createSwitchyard(config, { env, telemetry: telemetry === false ? false : { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider, ...telemetry } });
}

function mockFailover(primaryStep: Parameters<typeof createAzureOpenAIMock>[0]['script']) {
  const azure = createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: primaryStep });
  const vertex = createVertexMock({ script: { type: 'text', text: REPLY, chunks: 3, usage: { inputTokens: 14, outputTokens: 4, cachedInputTokens: 6 } } });
  network.use(...azure.handlers, ...vertex.handlers);
  return { azure, vertex };
}

const callSpanOf = (spans: ReadableSpan[]) => spans.find((s) => s.kind === SpanKind.INTERNAL) as ReadableSpan;
const attemptSpansOf = (spans: ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.CLIENT).sort((a, b) => Number(a.attributes['switchyard.attempt']) - Number(b.attributes['switchyard.attempt']));

describe('telemetry spans', () => {
  it('should record a call span and one client span per attempt, with GenAI attributes, failover reason and cost', async () => {
    const otel = createOtelHarness();
    mockFailover({ type: 'error', status: 429, retryAfterSeconds: 30 });
    const sy = setup(otel);
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: PROMPT }], maxTokens: 50, temperature: 0.2 });
    expect(result.text).toBe(REPLY);

    const spans = await otel.spans();
    expect(spans).toHaveLength(3);
    const call = callSpanOf(spans);
    const [first, second] = attemptSpansOf(spans) as [ReadableSpan, ReadableSpan];
    expect(call.name).toBe('chat chat');
    for (const attempt of [first, second]) {
      expect(attempt.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
      expect(attempt.spanContext().traceId).toBe(call.spanContext().traceId);
    }
    expect(first.name).toBe('chat prod-gpt4o');
    expect(first.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.request.model': 'prod-gpt4o',
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.temperature': 0.2,
      'switchyard.alias': 'chat',
      'switchyard.provider': 'azure-east',
      'switchyard.attempt': 1,
      'switchyard.outcome': 'error',
      'switchyard.api_version': '2024-10-21',
      'error.type': 'rate_limit',
    });
    expect(first.status.code).toBe(SpanStatusCode.ERROR);
    expect(first.attributes['gen_ai.usage.input_tokens']).toBeUndefined();

    expect(second.name).toBe('chat gemini-2.0-flash-001');
    expect(second.attributes).toMatchObject({
      'gen_ai.provider.name': 'gcp.vertex_ai',
      'gen_ai.request.model': 'gemini-2.0-flash-001',
      'gen_ai.response.model': 'gemini-2.0-flash-001',
      'gen_ai.usage.input_tokens': 14,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.usage.cache_read.input_tokens': 6,
      'switchyard.attempt': 2,
      'switchyard.failover.from': 'azure-east',
      'switchyard.failover.reason': 'rate_limit',
      'switchyard.outcome': 'success',
      'switchyard.cost.nano_usd': result.cost?.nanoUsd,
    });
    expect(second.status.code).toBe(SpanStatusCode.UNSET);
    expect(second.attributes['error.type']).toBeUndefined();

    expect(call.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'chat',
      'gen_ai.provider.name': 'gcp.vertex_ai',
      'gen_ai.response.model': 'gemini-2.0-flash-001',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 14,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.output.type': 'text',
      'switchyard.alias': 'chat',
      'switchyard.provider': 'vertex',
      'switchyard.attempts': 2,
      'switchyard.failovers': 1,
      'switchyard.cost.usd': result.cost?.usd,
    });
    expect(result.cost?.nanoUsd).toBeGreaterThan(0);
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([['switchyard.failover', { 'switchyard.failover.from': 'azure-east', 'switchyard.failover.to': 'vertex', 'switchyard.failover.reason': 'rate_limit' }]]);
    expect(everythingRecorded(spans)).not.toContain('Burkina');
    expect(everythingRecorded(spans)).not.toContain(REPLY);
    expect(everythingRecorded(spans)).not.toContain(env.AZURE_OPENAI_API_KEY);
    await sy.close();
  });

  it('should record prompts, tools and completions on the call span only when recordContent is on', async () => {
    const otel = createOtelHarness();
    mockFailover({ type: 'error', status: 503 });
    const sy = setup(otel, { recordContent: true });
    const tools = [{ name: 'lookup_capital', description: 'Finds a capital city', parameters: { type: 'object', properties: { country: { type: 'string' } }, required: ['country'] } }];
    await sy.chat({
      model: 'chat',
      tools,
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: PROMPT },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'lookup_capital', arguments: { country: 'BF' } }] },
        { role: 'tool', toolCallId: 'call_1', name: 'lookup_capital', content: 'Ouagadougou' },
      ],
    });
    const call = callSpanOf(await otel.spans());
    expect(JSON.parse(call.attributes['gen_ai.input.messages'] as string)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Answer briefly.' }] },
      { role: 'user', parts: [{ type: 'text', content: PROMPT }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'lookup_capital', arguments: { country: 'BF' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', result: 'Ouagadougou' }] },
    ]);
    expect(JSON.parse(call.attributes['gen_ai.tool.definitions'] as string)).toEqual([{ type: 'function', name: 'lookup_capital', description: 'Finds a capital city', parameters: tools[0]?.parameters }]);
    expect(JSON.parse(call.attributes['gen_ai.output.messages'] as string)).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: REPLY }], finish_reason: 'stop' }]);
    for (const attempt of attemptSpansOf(await otel.spans())) expect(everythingRecorded([attempt])).not.toContain('Burkina');
    await sy.close();
  });

  it('should keep the call span of a stream open until its finish part, failover before the first token included', async () => {
    const otel = createOtelHarness();
    mockFailover({ type: 'error', status: 503 });
    const sy = setup(otel, { recordContent: true });
    const iterator = sy.stream({ model: 'chat', messages: [{ role: 'user', content: PROMPT }] })[Symbol.asyncIterator]();
    const parts: StreamPart[] = [];
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      parts.push(value);
      if (value.type !== 'finish') expect((await otel.spans()).filter((s) => s.kind === SpanKind.INTERNAL)).toEqual([]);
    }
    expect(parts.at(-1)?.type).toBe('finish');
    // The traced stream passes the routed stream's serving target on (the gateway names the model with it).
    expect((iterator as { served?: { provider: string } }).served?.provider).toBe('vertex');
    const call = callSpanOf(await otel.spans());
    expect(call.attributes).toMatchObject({ 'switchyard.stream': true, 'switchyard.provider': 'vertex', 'switchyard.attempts': 2, 'switchyard.failovers': 1, 'gen_ai.usage.output_tokens': 4 });
    expect(JSON.parse(call.attributes['gen_ai.output.messages'] as string)[0].parts).toEqual([{ type: 'text', content: REPLY }]);
    const [first, second] = attemptSpansOf(await otel.spans()) as [ReadableSpan, ReadableSpan];
    expect(first.attributes['error.type']).toBe('unavailable');
    expect(second.attributes).toMatchObject({ 'switchyard.failover.reason': 'unavailable', 'switchyard.outcome': 'success' });
    expect(second.attributes['switchyard.ttft_ms']).toEqual(expect.any(Number));
    expect(second.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    await sy.close();
  });

  it('should end each serving attempt under its own call span when streams paced over many reads run side by side', async () => {
    // After the first batch the traced stream reads outside the call's context: the serving attempt's end must still
    // find its call among the calls in flight, and only its own.
    const otel = createOtelHarness();
    const cw = createOpenAIMock({ baseURL: 'https://llm.acme.example/v1', flavor: 'vllm', script: { type: 'text', text: 'one two three four five six', chunks: 6, chunkDelayMs: 3, usage: { inputTokens: 9, outputTokens: 6 } } });
    network.use(...cw.handlers);
    const sy = setup(otel);
    const texts = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let text = '';
        for await (const part of sy.stream({ model: 'llama', messages: [{ role: 'user', content: PROMPT }] })) if (part.type === 'text-delta') text += part.text;
        return text;
      }),
    );
    expect(texts).toEqual(Array(4).fill('one two three four five six'));
    const spans = await otel.spans();
    const calls = spans.filter((s) => s.kind === SpanKind.INTERNAL);
    const attempts = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(calls).toHaveLength(4);
    expect(attempts).toHaveLength(4);
    // One ended attempt per call, each a child of a different call span, with the usage of its own finish.
    expect(new Set(attempts.map((a) => a.parentSpanContext?.spanId))).toEqual(new Set(calls.map((c) => c.spanContext().spanId)));
    for (const attempt of attempts) expect(attempt.attributes).toMatchObject({ 'switchyard.outcome': 'success', 'gen_ai.usage.output_tokens': 6 });
    for (const call of calls) expect(call.attributes).toMatchObject({ 'switchyard.attempts': 1, 'gen_ai.usage.output_tokens': 6 });
    await sy.close();
  });

  it('should end the call span with the error of a stream cut after its first token', async () => {
    const otel = createOtelHarness();
    const cw = createOpenAIMock({ baseURL: 'https://llm.acme.example/v1', flavor: 'vllm', script: { type: 'cut', text: 'The capital is Ouaga', chunks: 4 } });
    network.use(...cw.handlers);
    const sy = setup(otel);
    const error = await (async () => {
      for await (const _part of sy.stream({ model: 'llama', messages: [{ role: 'user', content: PROMPT }] }));
    })().catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('stream_interrupted');
    const call = callSpanOf(await otel.spans());
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes['error.type']).toBe('stream_interrupted');
    expect(call.events.map((e) => e.name)).toContain('exception');
    const [attempt] = attemptSpansOf(await otel.spans()) as [ReadableSpan];
    expect(attempt.attributes).toMatchObject({ 'gen_ai.provider.name': 'coreweave', 'gen_ai.request.model': 'meta-llama/Llama-3.3-70B-Instruct', 'switchyard.outcome': 'error' });
    await sy.close();
  });

  it('should end the attempt span when the caller aborts from outside the call', async () => {
    const otel = createOtelHarness();
    const azure = createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', script: { type: 'hang' } });
    network.use(...azure.handlers);
    const sy = setup(otel);
    const controller = new AbortController();
    const pending = sy.chat({ model: 'chat', messages: [{ role: 'user', content: PROMPT }], signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => azure.requests.length).toBe(1);
    controller.abort();
    const error = await pending;
    expect((error as { code?: string }).code).toBe('aborted');
    const spans = await otel.spans();
    expect(spans).toHaveLength(2);
    const [attempt] = attemptSpansOf(spans) as [ReadableSpan];
    expect(attempt.attributes).toMatchObject({ 'switchyard.outcome': 'aborted', 'error.type': 'aborted' });
    expect(attempt.status.code).toBe(SpanStatusCode.UNSET);
    expect(callSpanOf(spans).attributes['error.type']).toBe('aborted');
    await sy.close();
  });

  it('should mark a hedge, and end the attempt that lost it as aborted', async () => {
    const otel = createOtelHarness();
    const azure = createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', script: { type: 'hang' } });
    const vertex = createVertexMock({ script: { type: 'text', text: REPLY } });
    network.use(...azure.handlers, ...vertex.handlers);
    const hedged = { ...config, models: { chat: { ...config.models.chat, hedge: { afterMs: 30 } } } };
    const sy = createSwitchyard(hedged, { env, telemetry: { tracerProvider: otel.tracerProvider } });
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: PROMPT }] });
    expect(result.provider).toBe('vertex');
    const spans = await otel.spans();
    const [primary, hedge] = attemptSpansOf(spans) as [ReadableSpan, ReadableSpan];
    expect(primary.attributes).toMatchObject({ 'switchyard.provider': 'azure-east', 'switchyard.outcome': 'aborted', 'error.type': 'aborted' });
    expect(primary.status.code).toBe(SpanStatusCode.UNSET);
    expect(hedge.attributes).toMatchObject({ 'switchyard.provider': 'vertex', 'switchyard.hedge': true, 'switchyard.outcome': 'success' });
    expect(hedge.attributes['switchyard.failover.reason']).toBeUndefined();
    const call = callSpanOf(spans);
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([['switchyard.hedge', { 'switchyard.hedge.primary': 'azure-east', 'switchyard.hedge.started': 'vertex', 'switchyard.hedge.after_ms': 30 }]]);
    expect(call.attributes).toMatchObject({ 'switchyard.attempts': 2, 'switchyard.failovers': 0 });
    await sy.close();
  });

  it('should name embedding spans after the embeddings operation', async () => {
    const otel = createOtelHarness();
    const cw = createOpenAIMock({ baseURL: 'https://llm.acme.example/v1', flavor: 'vllm', script: { type: 'embeddings', dimensions: 4, inputTokens: 7 } });
    network.use(...cw.handlers);
    const sy = setup(otel);
    await sy.embed({ model: 'cw:BAAI/bge-m3', input: ['first text', 'second text'] });
    const call = callSpanOf(await otel.spans());
    const [attempt] = attemptSpansOf(await otel.spans()) as [ReadableSpan];
    expect(call.name).toBe('embeddings cw:BAAI/bge-m3');
    expect(attempt.name).toBe('embeddings BAAI/bge-m3');
    expect(attempt.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'coreweave', 'gen_ai.usage.input_tokens': 7 });
    await sy.close();
  });

  it('should record nothing when telemetry is off', async () => {
    const otel = createOtelHarness();
    mockFailover({ type: 'error', status: 503 });
    const off = createSwitchyard(config, { env, telemetry: { enabled: false, tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });
    await off.chat({ model: 'chat', messages: [{ role: 'user', content: PROMPT }] });
    expect(await otel.spans()).toEqual([]);
    expect((await otel.metrics()).size).toBe(0);
    await off.close();
  });
});
