import { describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createCoreWeaveMock, createOCIMock, createOpenAIMock, createVertexMock, type ScriptStep } from '../../src/testing/index.ts';
import { network } from '../setup/network.ts';

const hello = [{ role: 'user' as const, content: 'Hello' }];

function coreweaveThenOCI(cwScript: ScriptStep | ScriptStep[], ociScript: ScriptStep | ScriptStep[]) {
  const cw = createCoreWeaveMock({ script: cwScript });
  const oci = createOCIMock({ region: 'eu-frankfurt-1', script: ociScript });
  network.use(...cw.handlers, ...oci.handlers);
  const sy = createSwitchyard({
    providers: {
      cw: { type: 'coreweave', apiKey: 'wandb-test-key' },
      oci: { type: 'oci', region: 'eu-frankfurt-1', apiKey: 'oci-genai-test-key' },
    },
    models: { chat: { targets: [{ provider: 'cw', model: 'meta-llama/Llama-3.3-70B-Instruct' }, { provider: 'oci', model: 'meta.llama-3.3-70b-instruct' }], retry: { attempts: 1 } } },
    ledger: { type: 'none' },
  });
  return { cw, oci, sy };
}

describe('switchyard/testing', () => {
  it('should answer as CoreWeave Serverless with vLLM-style errors, and as OCI with opc-request-id', async () => {
    const { cw, oci, sy } = coreweaveThenOCI({ type: 'error', status: 503, message: 'Concurrency limit reached for requests' }, { type: 'text', text: 'Hallo aus Frankfurt', usage: { inputTokens: 4, outputTokens: 3 } });
    const result = await sy.chat({ model: 'chat', messages: hello });
    expect(result.text).toBe('Hallo aus Frankfurt');
    expect(result.attempts?.map((a) => [a.provider, a.errorCode, a.reason])).toEqual([
      ['cw', 'unavailable', expect.stringContaining('Concurrency limit reached for requests')],
      ['oci', undefined, undefined],
    ]);
    expect(cw.requests[0]?.url).toBe('https://api.inference.wandb.ai/v1/chat/completions');
    expect(cw.requests[0]?.headers.authorization).toBe('Bearer wandb-test-key');
    expect(oci.requests[0]?.url).toBe('https://inference.generativeai.eu-frankfurt-1.oci.oraclecloud.com/openai/v1/chat/completions');
    expect(oci.requests[0]?.headers.authorization).toBe('Bearer oci-genai-test-key');
    expect(result.requestId).toMatch(/^[0-9A-F]{32}$/);
    await sy.close();
  });

  it('should stream tool calls and usage, and let a script change between calls', async () => {
    const { cw, sy } = coreweaveThenOCI({ type: 'tool-calls', calls: [{ id: 'call_q1', name: 'search', arguments: { query: 'rivers of Ghana' } }], usage: { inputTokens: 30, outputTokens: 12 } }, { type: 'text', text: 'unused' });
    const parts = [];
    for await (const part of sy.stream({ model: 'chat', messages: hello, tools: [{ name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } } } }] })) parts.push(part);
    expect(parts.filter((p) => p.type === 'tool-call')).toEqual([{ type: 'tool-call', id: 'call_q1', name: 'search', arguments: { query: 'rivers of Ghana' }, rawArguments: '{"query":"rivers of Ghana"}' }]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 30, outputTokens: 12 } });
    expect(cw.requests[0]?.body.stream_options).toEqual({ include_usage: true });

    cw.setScript({ type: 'text', text: 'Volta' });
    expect((await sy.chat({ model: 'chat', messages: hello })).text).toBe('Volta');
    await sy.close();
  });

  it('should repeat the last step of a script and report the served model it is told to', async () => {
    const mock = createOpenAIMock({ baseURL: 'https://gateway.acme.example/v1', servedModel: 'gpt-4o-2024-11-20', script: [{ type: 'error', status: 500 }, { type: 'text', text: 'steady' }] });
    network.use(...mock.handlers);
    const sy = createSwitchyard({ providers: { gw: { type: 'openai', apiKey: 'sk-gw', baseURL: 'https://gateway.acme.example/v1' } }, models: { chat: { targets: [{ provider: 'gw', model: 'gpt-4o' }], retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 5 } } }, ledger: { type: 'none' } });
    const first = await sy.chat({ model: 'chat', messages: hello });
    const second = await sy.chat({ model: 'chat', messages: hello });
    expect([first.text, second.text, first.model]).toEqual(['steady', 'steady', 'gpt-4o-2024-11-20']);
    expect(mock.requests).toHaveLength(3);
    await sy.close();
  });

  it('should answer Claude models on Vertex in Anthropic\'s format: bodies, events with thinking and cache counts, both error envelopes', async () => {
    const mock = createVertexMock({
      script: [
        { type: 'error', status: 429, retryAfterSeconds: 1 },
        { type: 'text', text: 'Akwaaba!', reasoning: 'A greeting in Twi.', usage: { inputTokens: 2048, cachedInputTokens: 1024, cacheWriteTokens: 512, outputTokens: 9, reasoningTokens: 5 } },
        { type: 'cut', text: 'Half an ans', error: 'overloaded_error' },
      ],
    });
    network.use(...mock.handlers);
    const url = 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme/locations/us-east5/publishers/anthropic/models/claude-opus-4-6:streamRawPredict';
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const quota = await post({ anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [], stream: true });
    expect([quota.status, quota.headers.get('retry-after')]).toEqual([429, '1']);
    expect(((await quota.json()) as Array<{ error: unknown }>)[0]?.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });

    const stream = await post({ anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [], stream: true });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('request-id')).toMatch(/^req_vrtx_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    const events = (await stream.text()).split('\n\n').filter(Boolean).map((e) => ({ event: /^event: (.+)$/m.exec(e)?.[1], data: JSON.parse(/^data: (.+)$/m.exec(e)?.[1] ?? '{}') }));
    expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(events[0]?.data.message).toMatchObject({ model: 'claude-opus-4-6', id: expect.stringMatching(/^msg_vrtx_01/), usage: { input_tokens: 512, cache_read_input_tokens: 1024, cache_creation_input_tokens: 512, output_tokens: 1 } });
    expect(events.filter((e) => e.data.delta?.type === 'thinking_delta').map((e) => e.data.delta.thinking).join('')).toBe('A greeting in Twi.');
    expect(events.find((e) => e.data.delta?.type === 'signature_delta')?.data.delta.signature).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(events.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9, output_tokens_details: { thinking_tokens: 5 } } });

    const cut = await (await post({ max_tokens: 10, messages: [], stream: true })).text();
    expect(cut).toContain('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    expect(cut).not.toContain('message_stop');
    expect(mock.requests.map((r) => r.body.stream)).toEqual([true, true, true]);
  });
});

describe('switchyard/testing capacity tiers', () => {
  it('should script the capacity that served: Azure spillover headers, Vertex trafficType, OpenAI service_tier', async () => {
    const { createAzureOpenAIMock, createVertexMock } = await import('../../src/testing/index.ts');
    const azure = createAzureOpenAIMock({
      endpoint: 'https://contoso-ptu.openai.azure.com',
      deployments: { 'gpt4o-ptu': 'gpt-4o-2024-08-06' },
      script: [{ type: 'text', text: 'On the PTU' }, { type: 'text', text: 'Spilled', headers: { 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' } }],
    });
    const vertex = createVertexMock({ script: { type: 'text', text: 'Flex', trafficType: 'ON_DEMAND_FLEX' } });
    const openai = createOpenAIMock({ script: { type: 'text', text: 'Priority', serviceTier: 'priority' } });
    network.use(...azure.handlers, ...vertex.handlers, ...openai.handlers);
    const sy = createSwitchyard(
      {
        providers: {
          ptu: { type: 'azure-openai', endpoint: 'https://contoso-ptu.openai.azure.com', apiKey: 'azure-test-key', billing: { type: 'provisioned', units: 1, hourlyUsdPerUnit: 1 }, spillover: { deployment: 'gpt4o-paygo' } },
          vertex: { type: 'vertex', project: 'acme-prod', location: 'us-central1', accessToken: 'ya29.kit' },
          openai: { type: 'openai', apiKey: 'sk-kit-000000000000' },
        },
        ledger: { type: 'none' },
      },
      { env: {}, telemetry: false },
    );
    expect((await sy.chat({ model: 'ptu:gpt4o-ptu', messages: hello })).capacity).toEqual({ tier: 'provisioned' });
    expect((await sy.chat({ model: 'ptu:gpt4o-ptu', messages: hello })).capacity).toMatchObject({ tier: 'spillover', deployment: 'gpt4o-paygo' });
    expect(azure.requests[0]?.headers['x-ms-spillover-deployment']).toBe('gpt4o-paygo');
    const parts = [];
    for await (const part of sy.stream({ model: 'vertex:gemini-2.0-flash-001', messages: hello })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', capacity: { tier: 'flex', raw: 'ON_DEMAND_FLEX' } });
    expect((await sy.chat({ model: 'openai:gpt-4o-2024-08-06', messages: hello })).capacity).toEqual({ tier: 'priority', raw: 'priority' });
    await sy.close();
  });
});
