import { embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createSwitchyardProvider } from '../../src/ai-sdk/index.ts';
import { AllAttemptsFailedError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import { network } from '../setup/network.ts';

const env = { OPENAI_API_KEY: 'sk-proj-aisdk-1234567890abcdef', AZURE_OPENAI_API_KEY: 'azure-aisdk-key-0123456789', VERTEX_TOKEN: 'ya29.c.aisdk-token' };
const config = {
  providers: {
    openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
    'azure-east': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
    vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: '${VERTEX_TOKEN}', prices: { 'gemini-2.0-flash-001': { input: 0.1, output: 0.4 } } },
  },
  models: {
    chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }], retry: { attempts: 1 } },
    fast: { targets: [{ provider: 'azure-east', model: 'prod-gpt4o' }, { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }], retry: { attempts: 1 } },
    embed: { targets: [{ provider: 'openai', model: 'text-embedding-3-small' }, { provider: 'vertex', model: 'text-embedding-005' }], retry: { attempts: 1 } },
  },
  ledger: { type: 'none' },
};

function mocks(openai: ScriptStep | ScriptStep[], vertex: ScriptStep | ScriptStep[], azure: ScriptStep | ScriptStep[] = { type: 'error', status: 503 }) {
  const m = {
    openai: createOpenAIMock({ script: openai }),
    vertex: createVertexMock({ script: vertex }),
    azure: createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: azure }),
  };
  network.use(...m.openai.handlers, ...m.vertex.handlers, ...m.azure.handlers);
  return m;
}

const setup = () => {
  const sy = createSwitchyard(config, { env });
  return { sy, switchyard: createSwitchyardProvider(sy) };
};

interface SwitchyardMetadata {
  provider: string;
  model: string;
  attempts: Array<{ provider: string; outcome: string; errorCode?: string }>;
  cost: { usd: number; nanoUsd: number } | null;
}
const metadataOf = (providerMetadata: unknown) => (providerMetadata as { switchyard: SwitchyardMetadata }).switchyard;

describe('createSwitchyardProvider with the AI SDK', () => {
  it('should fail over in generateText when the primary answers 429, and report the route in providerMetadata', async () => {
    const m = mocks({ type: 'error', status: 429, retryAfterSeconds: 30 }, { type: 'text', text: 'Accra is the capital of Ghana.', usage: { inputTokens: 21, outputTokens: 8, cachedInputTokens: 5 } });
    const { sy, switchyard } = setup();
    const result = await generateText({ model: switchyard('chat'), system: 'Answer in one sentence.', prompt: 'What is the capital of Ghana?', maxOutputTokens: 64, temperature: 0.3, stopSequences: ['###'] });
    expect(result.text).toBe('Accra is the capital of Ghana.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ inputTokens: 21, outputTokens: 8, inputTokenDetails: { cacheReadTokens: 5, noCacheTokens: 16 } });
    expect(result.response.modelId).toBe('gemini-2.0-flash-001');
    const meta = metadataOf(result.providerMetadata);
    expect(meta.provider).toBe('vertex');
    expect(meta.attempts.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['openai', 'error', 'rate_limit'], ['vertex', 'success', undefined]]);
    expect(meta.cost?.nanoUsd).toBeGreaterThan(0);
    expect(m.openai.requests).toHaveLength(1);
    expect(m.openai.requests[0]?.body).toMatchObject({ model: 'gpt-4o-2024-08-06', messages: [{ role: 'system', content: 'Answer in one sentence.' }, { role: 'user', content: 'What is the capital of Ghana?' }], temperature: 0.3, stop: ['###'] });
    expect(m.vertex.requests[0]?.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Answer in one sentence.' }] },
      contents: [{ role: 'user', parts: [{ text: 'What is the capital of Ghana?' }] }],
      generationConfig: { maxOutputTokens: 64, temperature: 0.3, stopSequences: ['###'] },
    });
    await sy.close();
  });

  it('should return tool calls from the fallback with their JSON Schema and tool choice sent', async () => {
    const m = mocks({ type: 'error', status: 503 }, { type: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Kumasi', unit: 'celsius' } }] });
    const { sy, switchyard } = setup();
    const result = await generateText({
      model: switchyard('chat'),
      prompt: 'Weather in Kumasi?',
      tools: { get_weather: tool({ description: 'Current weather for a city', inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }) }) },
      toolChoice: 'required',
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls.map((c) => [c.toolName, c.input])).toEqual([['get_weather', { city: 'Kumasi', unit: 'celsius' }]]);
    expect(result.toolCalls[0]?.toolCallId).toEqual(expect.any(String));
    expect(m.openai.requests[0]?.body.tools[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city', 'unit'] } } });
    expect(m.openai.requests[0]?.body.tool_choice).toBe('required');
    expect(m.vertex.requests[0]?.body.tools[0].functionDeclarations[0]).toMatchObject({ name: 'get_weather', description: 'Current weather for a city' });
    expect(m.vertex.requests[0]?.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    await sy.close();
  });

  it('should send tool results back in a multi-step call, each step failing over', async () => {
    const m = mocks({ type: 'error', status: 503 }, [{ type: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Tamale' } }] }, { type: 'text', text: 'It is 34 °C and sunny in Tamale.' }]);
    const { sy, switchyard } = setup();
    const calls: unknown[] = [];
    const result = await generateText({
      model: switchyard('chat'),
      prompt: 'Weather in Tamale?',
      tools: { get_weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async (input) => (calls.push(input), { temperatureC: 34, sky: 'sunny' }) }) },
      stopWhen: stepCountIs(3),
    });
    expect(calls).toEqual([{ city: 'Tamale' }]);
    expect(result.text).toBe('It is 34 °C and sunny in Tamale.');
    expect(result.steps).toHaveLength(2);
    expect(m.openai.requests).toHaveLength(2);
    const second = m.vertex.requests[1]?.body;
    expect(second.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Tamale?' }] },
      { role: 'model', parts: [expect.objectContaining({ functionCall: { name: 'get_weather', args: { city: 'Tamale' } } })] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: expect.objectContaining({}) } }] },
    ]);
    expect(JSON.stringify(second.contents[2])).toContain('34');
    await sy.close();
  });

  it('should stream text through streamText after a 503 from the primary, with usage and route at the finish', async () => {
    const m = mocks({ type: 'text', text: 'Streaming from the OpenAI fallback.', chunks: 5, usage: { inputTokens: 11, outputTokens: 6 } }, { type: 'text', text: 'unused' }, { type: 'error', status: 503 });
    const { sy, switchyard } = setup();
    const result = streamText({ model: switchyard('fast'), prompt: 'Say something' });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('Streaming from the OpenAI fallback.');
    expect(await result.usage).toMatchObject({ inputTokens: 11, outputTokens: 6 });
    expect(await result.finishReason).toBe('stop');
    const meta = metadataOf(await result.providerMetadata);
    expect(meta.provider).toBe('openai');
    expect(meta.attempts.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['azure-east', 'error', 'unavailable'], ['openai', 'success', undefined]]);
    expect(m.azure.requests[0]?.url).toBe('https://contoso-east.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
    expect(m.openai.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', stream: true });
    await sy.close();
  });

  it('should stream tool calls as tool-input parts and a tool-call', async () => {
    mocks({ type: 'tool-calls', calls: [{ id: 'call_Zx81', name: 'lookup_order', arguments: { orderId: 'A-1009' } }] }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const result = streamText({ model: switchyard('fast'), prompt: 'Where is order A-1009?', tools: { lookup_order: tool({ inputSchema: z.object({ orderId: z.string() }) }) } });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).toEqual(expect.arrayContaining(['tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish']));
    expect((await result.toolCalls).map((c) => [c.toolCallId, c.toolName, c.input])).toEqual([['call_Zx81', 'lookup_order', { orderId: 'A-1009' }]]);
    expect(await result.finishReason).toBe('tool-calls');
    await sy.close();
  });

  it('should ask for JSON with the schema for structured output and parse the reply', async () => {
    const m = mocks({ type: 'text', text: '{"city":"Cape Coast","population":169894}' }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const { output } = await generateText({ model: switchyard('chat'), prompt: 'A city in Ghana', output: Output.object({ schema: z.object({ city: z.string(), population: z.number() }) }) });
    expect(output).toEqual({ city: 'Cape Coast', population: 169894 });
    expect(m.openai.requests[0]?.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { schema: { type: 'object', properties: { city: { type: 'string' }, population: { type: 'number' } } } } });
    await sy.close();
  });

  it('should warn about settings Switchyard does not send, and pass its own options through', async () => {
    mocks({ type: 'text', text: 'ok' }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const ended: Array<Record<string, string> | undefined> = [];
    sy.on('attempt-end', (e) => ended.push(e.tags));
    const result = await generateText({ model: switchyard('chat'), prompt: 'Hi', topK: 5, headers: { 'x-trace': 'abc' }, providerOptions: { switchyard: { tags: { tenant: 'acme' } } } });
    expect(result.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'unsupported', feature: 'topK' }), expect.objectContaining({ type: 'unsupported', feature: 'headers' })]));
    expect(ended).toEqual([{ tenant: 'acme' }]);
    await sy.close();
  });

  it("should not warn about the AI SDK's own user-agent header, which ai@7 sends on every call", async () => {
    mocks({ type: 'text', text: 'ok' }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const text = await generateText({ model: switchyard('chat'), prompt: 'Hi' });
    expect(text.warnings).toEqual([]);
    const streamed = streamText({ model: switchyard('chat'), prompt: 'Hi' });
    await streamed.consumeStream();
    expect(await streamed.warnings).toEqual([]);
    const embedded = await embed({ model: switchyard.embeddingModel('embed'), value: 'hello' });
    expect(embedded.warnings).toEqual([]);
    // A header the application chose is still reported, by name.
    const chosen = await generateText({ model: switchyard('chat'), prompt: 'Hi', headers: { 'x-trace': 'abc' } });
    expect(chosen.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'headers', details: expect.stringContaining('(x-trace)') })]);
    await sy.close();
  });

  it('should reject with the typed error when every target fails, without AI SDK retries', async () => {
    const m = mocks({ type: 'error', status: 503 }, { type: 'error', status: 503 });
    const { sy, switchyard } = setup();
    const error = await generateText({ model: switchyard('chat'), prompt: 'Hi' }).catch((e: unknown) => e);
    expect(AllAttemptsFailedError.isInstance(error)).toBe(true);
    expect(m.openai.requests).toHaveLength(1);
    expect(m.vertex.requests).toHaveLength(1);
    await sy.close();
  });

  it('should embed through an embedding alias and refuse image models', async () => {
    mocks({ type: 'embeddings', dimensions: 3, inputTokens: 6 }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const { embeddings, usage } = await embedMany({ model: switchyard.embeddingModel('embed'), values: ['akwaaba', 'medaase'] });
    expect(embeddings.map((e) => e.length)).toEqual([3, 3]);
    expect(usage.tokens).toBe(6);
    expect(switchyard.languageModel('chat').modelId).toBe('chat');
    expect(() => switchyard.imageModel('dall-e-3')).toThrow(/image model/);
    await sy.close();
  });
});

describe('createSwitchyardProvider capacity', () => {
  it('should report the capacity that served in providerMetadata, for generateText and streamText', async () => {
    mocks({ type: 'text', text: 'Flex answer.', serviceTier: 'flex' }, { type: 'text', text: 'unused' });
    const { sy, switchyard } = setup();
    const result = await generateText({ model: switchyard('chat'), prompt: 'Hi' });
    expect((result.providerMetadata as { switchyard: { capacity?: unknown } }).switchyard.capacity).toEqual({ tier: 'flex', raw: 'flex' });
    mocks({ type: 'error', status: 503 }, { type: 'text', text: 'From Vertex.', trafficType: 'ON_DEMAND_PRIORITY' });
    const streamed = streamText({ model: switchyard('chat'), prompt: 'Hi' });
    await streamed.consumeStream();
    expect(((await streamed.providerMetadata) as { switchyard: { capacity?: unknown } }).switchyard.capacity).toEqual({ tier: 'priority', raw: 'ON_DEMAND_PRIORITY' });
    await sy.close();
  });
});
