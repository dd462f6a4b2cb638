import { describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { DURATION_BUCKETS, TOKEN_BUCKETS } from '../../src/telemetry/gen-ai-attributes.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { network } from '../setup/network.ts';
import { createOtelHarness, histogramPoints, pointsWith } from './otel-harness.ts';

const config = {
  providers: {
    'azure-east': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21' },
    vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: 'ya29.c.metrics-test', prices: { 'gemini-2.0-flash-001': { input: 0.1, output: 0.4 } } },
  },
  models: { chat: { targets: [{ provider: 'azure-east', model: 'prod-gpt4o' }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }], retry: { attempts: 1 } } },
  ledger: { type: 'none' },
};
const messages = [{ role: 'user' as const, content: 'Name three rivers in Ghana.' }];

describe('telemetry metrics', () => {
  it('should record the GenAI client metrics per attempt and the cost counter in nano-USD', async () => {
    const otel = createOtelHarness();
    network.use(
      ...createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', script: { type: 'error', status: 429, retryAfterSeconds: 20 } }).handlers,
      ...createVertexMock({ script: [{ type: 'text', text: 'Volta, Pra, Ankobra', usage: { inputTokens: 9, outputTokens: 5 } }, { type: 'text', text: 'Volta, Pra and Tano', chunks: 3, usage: { inputTokens: 9, outputTokens: 6 } }] }).handlers,
    );
    const sy = createSwitchyard(config, { telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });
    const result = await sy.chat({ model: 'chat', messages });
    let streamed = 0;
    for await (const part of sy.stream({ model: 'chat', messages })) if (part.type === 'finish') streamed = part.cost?.nanoUsd ?? 0;
    const metrics = await otel.metrics();

    const duration = metrics.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const failures = histogramPoints(duration, { 'gen_ai.provider.name': 'azure.ai.openai', 'error.type': 'rate_limit' });
    // The 429's retry-after (20 s) makes the stream skip azure-east without a request: one failed attempt, not two.
    expect(failures.map((p) => p.value.count)).toEqual([1]);
    expect(failures[0]?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'prod-gpt4o', 'switchyard.alias': 'chat', 'switchyard.provider': 'azure-east' });
    const served = histogramPoints(duration, { 'gen_ai.provider.name': 'gcp.vertex_ai' });
    expect(served.map((p) => [p.value.count, p.attributes['error.type'], p.attributes['gen_ai.response.model']])).toEqual([[2, undefined, 'gemini-2.0-flash-001']]);
    expect(served[0]?.value.buckets.boundaries).toEqual(DURATION_BUCKETS);

    const tokens = metrics.get('gen_ai.client.token.usage');
    expect(tokens?.descriptor.unit).toBe('{token}');
    const input = histogramPoints(tokens, { 'gen_ai.token.type': 'input' });
    const output = histogramPoints(tokens, { 'gen_ai.token.type': 'output' });
    expect(input.map((p) => [p.attributes['gen_ai.provider.name'], p.value.count, p.value.sum])).toEqual([['gcp.vertex_ai', 2, 18]]);
    expect(output.map((p) => [p.value.count, p.value.sum])).toEqual([[2, 11]]);
    expect(input[0]?.value.buckets.boundaries).toEqual(TOKEN_BUCKETS);

    const ttft = histogramPoints(metrics.get('gen_ai.client.operation.time_to_first_chunk'), {});
    expect(ttft.map((p) => [p.attributes['gen_ai.provider.name'], p.value.count])).toEqual([['gcp.vertex_ai', 1]]);

    const cost = pointsWith<number>(metrics.get('switchyard.client.cost'), { 'switchyard.provider': 'vertex' });
    expect(result.cost?.nanoUsd).toBeGreaterThan(0);
    expect(cost.map((p) => p.value)).toEqual([(result.cost?.nanoUsd ?? 0) + streamed]);
    expect(Number.isInteger(cost[0]?.value)).toBe(true);
    await sy.close();
  });
});
