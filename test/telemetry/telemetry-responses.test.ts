import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { createOtelHarness } from './otel-harness.ts';

const ENDPOINT = 'https://contoso-east.openai.azure.com';

describe('telemetry on the Responses API', () => {
  it('should record the same spans and token metrics for a Responses stream as for Chat Completions, reasoning tokens included', async () => {
    const otel = createOtelHarness();
    const azure = createAzureOpenAIMock({ endpoint: ENDPOINT, deployments: { 'prod-gpt51': 'gpt-5.1-2025-11-13' }, script: { type: 'text', text: 'Ouagadougou', reasoning: 'Capital of Burkina Faso.', usage: { inputTokens: 30, cachedInputTokens: 20, outputTokens: 18, reasoningTokens: 15 } } });
    network.use(...azure.handlers);
    const sy = createSwitchyard(
      { providers: { 'azure-east': { type: 'azure-openai', endpoint: ENDPOINT, apiKey: 'azure-key-0123456789abcdef', apiVersion: 'v1', api: 'responses', deployments: { 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' } } } }, models: { chat: { targets: [{ provider: 'azure-east', model: 'prod-gpt51' }] } }, ledger: { type: 'none' } },
      { env: {}, telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } },
    );
    const parts: StreamPart[] = [];
    for await (const part of sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Capital of Burkina Faso?' }] })) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual(['reasoning-delta', 'reasoning-delta', 'reasoning-delta', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'finish']);
    await sy.close();
    expect(azure.requests[0]?.url).toBe(`${ENDPOINT}/openai/v1/responses`);
    const spans = await otel.spans();
    const attempt = spans.find((s) => s.kind === SpanKind.CLIENT);
    expect(attempt?.attributes).toMatchObject({
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.request.model': 'prod-gpt51',
      'gen_ai.response.model': 'gpt-5.1-2025-11-13',
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 18,
      'gen_ai.usage.cache_read.input_tokens': 20,
      'gen_ai.usage.reasoning.output_tokens': 15,
      'switchyard.api_version': 'v1',
      'switchyard.outcome': 'success',
    });
    expect(spans.find((s) => s.kind === SpanKind.INTERNAL)?.attributes).toMatchObject({ 'gen_ai.response.finish_reasons': ['stop'], 'switchyard.provider': 'azure-east' });
    const tokens = (await otel.metrics()).get('gen_ai.client.token.usage');
    const byType = Object.fromEntries((tokens?.dataPoints ?? []).map((d) => [String(d.attributes['gen_ai.token.type']), (d.value as { sum: number }).sum]));
    expect(byType).toEqual({ input: 30, output: 18 });
  });
});
