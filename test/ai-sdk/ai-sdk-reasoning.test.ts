import { generateText, jsonSchema, streamText, tool, type ModelMessage } from 'ai';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createSwitchyardProvider } from '../../src/ai-sdk/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { eventStream } from '../../src/testing/mock-responses.ts';
import { network } from '../setup/network.ts';

const HOST = 'https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-prod/locations/europe-west4/publishers/google/models';
const SIG_TEXT = 'EpwGCpkGAdHtim9kL3Jzb2x2ZWQtc2lnbmF0dXJlLXRleHQ=';
const SIG_CALL = 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=';
const META = { modelVersion: 'gemini-2.5-flash', createTime: '2026-04-07T16:49:58.333958Z', responseId: 'tjXVaYaxFISTq8YP_MWiyAo' };
const USAGE = { promptTokenCount: 41, candidatesTokenCount: 19, thoughtsTokenCount: 388, totalTokenCount: 448, trafficType: 'ON_DEMAND' };
const THOUGHTFUL = {
  candidates: [{ content: { role: 'model', parts: [{ text: '**Counting the letters**\n\ns-t-r-a-w-b-e-r-r-y has r at 3, 8 and 9.', thought: true }, { text: 'There are 3 "r"s in "strawberry".' }, { text: '', thoughtSignature: SIG_TEXT }] }, finishReason: 'STOP' }],
  usageMetadata: USAGE,
  ...META,
};
const STREAM = [
  { candidates: [{ content: { role: 'model', parts: [{ text: '**Planning**\n\nWeather first, ', thought: true }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
  { candidates: [{ content: { role: 'model', parts: [{ text: 'then the answer.', thought: true }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
  { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: SIG_CALL }] }, finishReason: 'STOP' }], usageMetadata: USAGE, ...META },
];

/** Serves the Gemini model with one body per call (JSON, or SSE for arrays), recording what each request sent. */
function serveVertex(...answers: Array<object | object[]>) {
  const bodies: any[] = [];
  network.use(
    http.post(new RegExp(`^${HOST.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/gemini-2\\.5-flash:(generateContent|streamGenerateContent)(\\?alt=sse)?$`), async ({ request }) => {
      bodies.push(await request.json());
      const answer = answers[Math.min(bodies.length - 1, answers.length - 1)] as object | object[];
      if (!Array.isArray(answer)) return HttpResponse.json(answer);
      return new HttpResponse(eventStream(answer.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`)), { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return bodies;
}

const setup = () => {
  const sy = createSwitchyard(
    {
      providers: {
        vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: 'ya29.aisdk-reasoning' },
        openai: { type: 'openai', apiKey: 'sk-proj-aisdk-reasoning-0123456789' },
      },
      models: {
        think: { targets: [{ provider: 'vertex', model: 'gemini-2.0-flash-001' }, { provider: 'vertex', model: 'gemini-2.5-flash' }] },
        gpt: { targets: [{ provider: 'openai', model: 'gpt-5.5' }] },
      },
      ledger: { type: 'none' },
    },
    { env: {} },
  );
  return { sy, switchyard: createSwitchyardProvider(sy) };
};

describe('reasoning through the AI SDK provider', () => {
  it('should map generateText’s reasoning option, skip the target that cannot think, and return thoughts as reasoning parts', async () => {
    const bodies = serveVertex(THOUGHTFUL);
    const { sy, switchyard } = setup();
    const result = await generateText({ model: switchyard('think'), prompt: 'How many r in strawberry?', reasoning: 'high', providerOptions: { switchyard: { reasoning: { summary: true } } } });
    expect(bodies[0].generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 24576, includeThoughts: true } });
    expect(result.text).toBe('There are 3 "r"s in "strawberry".');
    expect(result.reasoningText).toBe('**Counting the letters**\n\ns-t-r-a-w-b-e-r-r-y has r at 3, 8 and 9.');
    expect(result.reasoning[0]?.providerMetadata).toEqual({ switchyard: { reasoningState: { format: 'gemini', provider: 'vertex', textSignature: SIG_TEXT } } });
    expect(result.usage).toMatchObject({ outputTokens: 407, outputTokenDetails: { reasoningTokens: 388, textTokens: 19 } });
    const attempts = (result.providerMetadata?.switchyard as { attempts: Array<{ model: string; outcome: string; reason?: string }> }).attempts;
    expect(attempts[0]).toMatchObject({ model: 'gemini-2.0-flash-001', outcome: 'skipped', reason: 'capability: the request asks for reasoning and the model has no reasoning controls (capabilities.reasoning)' });
    expect(result.warnings ?? []).toEqual([]);
    await sy.close();
  });

  it('should hand the reasoning state back with the assistant message on the next turn, as the AI SDK keeps it', async () => {
    const bodies = serveVertex(THOUGHTFUL, { ...THOUGHTFUL, candidates: [{ content: { role: 'model', parts: [{ text: 'Two.' }] }, finishReason: 'STOP' }] });
    const { sy, switchyard } = setup();
    const first = await generateText({ model: switchyard('think'), prompt: 'How many r in strawberry?', reasoning: 'low' });
    const messages: ModelMessage[] = [{ role: 'user', content: 'How many r in strawberry?' }, ...first.response.messages, { role: 'user', content: 'And in raspberry?' }];
    const second = await generateText({ model: switchyard('think'), messages, reasoning: 'low' });
    expect(second.text).toBe('Two.');
    expect(bodies[1].contents).toEqual([
      { role: 'user', parts: [{ text: 'How many r in strawberry?' }] },
      { role: 'model', parts: [{ text: 'There are 3 "r"s in "strawberry".', thoughtSignature: SIG_TEXT }] },
      { role: 'user', parts: [{ text: 'And in raspberry?' }] },
    ]);
    await sy.close();
  });

  it('should stream reasoning-start, -delta and -end with the state on the last block, and send the call signature back', async () => {
    const bodies = serveVertex(STREAM, { ...THOUGHTFUL, candidates: [{ content: { role: 'model', parts: [{ text: 'It is -3 °C in Oslo.' }] }, finishReason: 'STOP' }] });
    const { sy, switchyard } = setup();
    const result = streamText({ model: switchyard('think'), prompt: 'Weather in Oslo?', reasoning: 'medium', tools: { get_weather: tool({ description: 'Weather', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }) }) } });
    const kinds: string[] = [];
    for await (const part of result.fullStream) if (part.type.startsWith('reasoning') || part.type === 'tool-call') kinds.push(part.type === 'reasoning-delta' ? `reasoning-delta:${part.text}` : part.type);
    expect(kinds).toEqual(['reasoning-start', 'reasoning-delta:**Planning**\n\nWeather first, ', 'reasoning-delta:then the answer.', 'reasoning-end', 'tool-call', 'reasoning-start', 'reasoning-end']);
    expect(await result.reasoningText).toBe('**Planning**\n\nWeather first, then the answer.');
    const response = await result.response;
    const assistant = response.messages[0] as Extract<ModelMessage, { role: 'assistant' }>;
    const callId = (assistant.content as Array<{ type: string; toolCallId?: string }>).find((p) => p.type === 'tool-call')?.toolCallId as string;
    const next = await generateText({ model: switchyard('think'), reasoning: 'medium', messages: [{ role: 'user', content: 'Weather in Oslo?' }, assistant, { role: 'tool', content: [{ type: 'tool-result', toolCallId: callId, toolName: 'get_weather', output: { type: 'json', value: { c: -3 } } }] }] });
    expect(next.text).toBe('It is -3 °C in Oslo.');
    expect(bodies[1].contents[1]).toEqual({ role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: SIG_CALL }] });
    expect(bodies[1].generationConfig.thinkingConfig).toEqual({ thinkingBudget: 8192 });
    await sy.close();
  });

  it('should send AI SDK 7’s max as xhigh with a compatibility warning, and provider-default as nothing', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'Proof sketch: …' } });
    network.use(...mock.handlers);
    const { sy, switchyard } = setup();
    const max = await generateText({ model: switchyard('gpt'), prompt: 'Prove it.', reasoning: 'max' });
    await generateText({ model: switchyard('gpt'), prompt: 'Prove it.', reasoning: 'provider-default' });
    expect(mock.requests.map((r) => r.body.reasoning_effort)).toEqual(['xhigh', undefined]);
    expect(max.warnings).toEqual([{ type: 'compatibility', feature: 'reasoning', details: 'reasoning "max" was sent as "xhigh", the highest effort Switchyard maps for every provider.' }]);
    await sy.close();
  });
});

describe('reasoning through the AI SDK provider, on Claude and the Responses API', () => {
  const weather = { get_weather: tool({ description: 'Weather', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }) }) };
  const CLAUDE = 'claude-sonnet-4-5@20250929';
  const thinking = 'The user wants the weather in Oslo: call get_weather.';
  const setupBoth = () => {
    const sy = createSwitchyard(
      {
        providers: {
          vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: 'ya29.aisdk-claude' },
          openai: { type: 'openai', apiKey: 'sk-proj-aisdk-responses-0123456789', api: 'responses' },
        },
        models: { claude: { targets: [{ provider: 'vertex', model: CLAUDE }] }, responses: { targets: [{ provider: 'openai', model: 'gpt-5.1' }] } },
        ledger: { type: 'none' },
      },
      { env: {} },
    );
    return { sy, switchyard: createSwitchyardProvider(sy) };
  };

  it('should map the reasoning option to Claude thinking and hand the thinking block and its signature back on the next turn', async () => {
    const mock = createVertexMock({ script: [{ type: 'tool-calls', calls: [{ id: 'toolu_vrtx_01Oslo', name: 'get_weather', arguments: { city: 'Oslo' } }], reasoning: thinking }, { type: 'text', text: 'It is -3 °C in Oslo.' }] });
    network.use(...mock.handlers);
    const { sy, switchyard } = setupBoth();
    const first = await generateText({ model: switchyard('claude'), prompt: 'Weather in Oslo?', reasoning: 'high', maxOutputTokens: 40_000, tools: weather });
    expect(mock.requests[0]?.body).toMatchObject({ max_tokens: 40_000, thinking: { type: 'enabled', budget_tokens: 16_384 } });
    expect(first.reasoningText).toBe(thinking);
    const state = (first.reasoning[0]?.providerMetadata?.switchyard as { reasoningState?: { format: string; provider: string; blocks: Array<{ signature: string }> } }).reasoningState;
    expect(state).toMatchObject({ format: 'anthropic-messages', provider: 'vertex', blocks: [{ type: 'thinking', thinking }] });
    const messages: ModelMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }, ...first.response.messages, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_vrtx_01Oslo', toolName: 'get_weather', output: { type: 'json', value: { c: -3 } } }] }];
    const second = await generateText({ model: switchyard('claude'), messages, reasoning: 'high', maxOutputTokens: 40_000, tools: weather });
    expect(second.text).toBe('It is -3 °C in Oslo.');
    expect(mock.requests[1]?.body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking, signature: state?.blocks[0]?.signature },
        { type: 'tool_use', id: 'toolu_vrtx_01Oslo', name: 'get_weather', input: { city: 'Oslo' } },
      ],
    });
    expect(second.warnings ?? []).toEqual([]);
    await sy.close();
  });

  it('should stream Claude thinking as reasoning parts, the state on the last block', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'Oslo is cold today.', reasoning: thinking } });
    network.use(...mock.handlers);
    const { sy, switchyard } = setupBoth();
    const result = streamText({ model: switchyard('claude'), prompt: 'Weather in Oslo?', reasoning: 'low' });
    const kinds: string[] = [];
    for await (const part of result.fullStream) if (part.type.startsWith('reasoning') || part.type === 'text-start') kinds.push(part.type);
    expect(kinds[0]).toBe('reasoning-start');
    expect(kinds.at(-1)).toBe('reasoning-end');
    expect(await result.reasoningText).toBe(thinking);
    expect(mock.requests[0]?.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    const reasoning = await result.reasoning;
    expect(reasoning.at(-1)?.providerMetadata?.switchyard).toMatchObject({ reasoningState: { format: 'anthropic-messages', provider: 'vertex' } });
    await sy.close();
  });

  it('should map the reasoning option to the Responses API and send the encrypted reasoning back before the function call', async () => {
    const mock = createOpenAIMock({ script: [{ type: 'tool-calls', calls: [{ id: 'call_oslo', name: 'get_weather', arguments: { city: 'Oslo' } }], reasoning: 'Weather first.' }, { type: 'text', text: 'It is -3 °C in Oslo.' }] });
    network.use(...mock.handlers);
    const { sy, switchyard } = setupBoth();
    const first = await generateText({ model: switchyard('responses'), prompt: 'Weather in Oslo?', reasoning: 'low', providerOptions: { switchyard: { reasoning: { summary: true } } }, tools: weather });
    expect(mock.requests[0]?.url).toBe('https://api.openai.com/v1/responses');
    expect(mock.requests[0]?.body).toMatchObject({ reasoning: { effort: 'low', summary: 'auto' }, store: false, include: ['reasoning.encrypted_content'] });
    expect(first.reasoningText).toBe('Weather first.');
    expect(first.reasoning[0]?.providerMetadata?.switchyard).toMatchObject({ reasoningState: { format: 'openai-responses', provider: 'openai' } });
    const messages: ModelMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }, ...first.response.messages, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_oslo', toolName: 'get_weather', output: { type: 'json', value: { c: -3 } } }] }];
    const result = streamText({ model: switchyard('responses'), messages, reasoning: 'low', tools: weather });
    expect(await result.text).toBe('It is -3 °C in Oslo.');
    const input = mock.requests[1]?.body.input as Array<{ type?: string; role?: string; encrypted_content?: string }>;
    expect(input.map((i) => i.type ?? i.role)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    const sent = (first.reasoning[0]?.providerMetadata?.switchyard as { reasoningState: { items: Array<{ encrypted_content: string }> } }).reasoningState.items[0]?.encrypted_content;
    expect(input[1]?.encrypted_content).toBe(sent);
    expect(mock.requests[1]?.body.stream).toBe(true);
    await sy.close();
  });
});

describe('documents through the AI SDK provider', () => {
  it('should pass a gs:// PDF listed in supportedUrls through to Vertex as fileData, and inline bytes as inlineData', async () => {
    const bodies = serveVertex({ ...THOUGHTFUL, candidates: [{ content: { role: 'model', parts: [{ text: 'It renews on 1 March.' }] }, finishReason: 'STOP' }] });
    const sy = createSwitchyard({ providers: { vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: 'ya29.aisdk-docs' } }, models: { docs: { targets: [{ provider: 'vertex', model: 'gemini-2.5-flash' }] } }, ledger: { type: 'none' } }, { env: {} });
    const switchyard = createSwitchyardProvider(sy, { supportedUrls: { 'image/*': [/^https:\/\//], 'application/pdf': [/^gs:\/\//] } });
    const { text } = await generateText({
      model: switchyard('docs'),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'When do these renew?' }, { type: 'file', data: new URL('gs://acme-contracts/msa.pdf'), mediaType: 'application/pdf' }, { type: 'file', data: Buffer.from('%PDF-1.7'), mediaType: 'application/pdf', filename: 'sow.pdf' }] }],
    });
    expect(text).toBe('It renews on 1 March.');
    expect(bodies[0].contents[0].parts).toEqual([{ text: 'When do these renew?' }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://acme-contracts/msa.pdf' } }, { inlineData: { mimeType: 'application/pdf', data: Buffer.from('%PDF-1.7').toString('base64') } }]);
    await sy.close();
  });
});
