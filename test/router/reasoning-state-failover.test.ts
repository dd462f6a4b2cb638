import { afterEach, describe, expect, it } from 'vitest';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock, createOpenAIMock, createVertexMock, type ScriptStep } from '../../src/testing/index.ts';
import type { ProviderMock } from '../../src/testing/create-openai-mock.ts';
import type { AssistantReasoning } from '../../src/types/assistant-reasoning.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const AZURE = 'https://contoso-east.openai.azure.com';
const CLAUDE = 'claude-sonnet-4-5@20250929';
const GEMINI = 'gemini-2.5-flash';
const RESPONSES = { provider: 'azure', model: 'prod-gpt51', api: 'responses' };
const CHAT = { provider: 'openai', model: 'gpt-4.1-2025-04-14' };
const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
const ask: ChatMessage = { role: 'user', content: 'Weather in Accra?' };
const call: ScriptStep = { type: 'tool-calls', calls: [{ id: 'call_accra', name: 'get_weather', arguments: { city: 'Accra' } }], reasoning: 'I need the weather in Accra first.' };
const answer = (text: string): ScriptStep => ({ type: 'text', text, usage: { inputTokens: 60, outputTokens: 9 } });

let open: Switchyard[] = [];
afterEach(async () => {
  await Promise.all(open.map((sy) => sy.close()));
  open = [];
});

/** Every kind of API, one alias per failover path: the first target serves a turn, then fails; the second takes over. */
function switchyard() {
  const sy = createSwitchyard(
    {
      providers: {
        azure: { type: 'azure-openai', endpoint: AZURE, apiKey: 'azure-key-0123456789abcdef', deployments: { 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' } } },
        openai: { type: 'openai', apiKey: 'sk-proj-state-failover-0123456789' },
        vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: 'ya29.state-failover' },
      },
      models: {
        'responses-then-chat': { targets: [RESPONSES, CHAT] },
        'chat-then-gemini': { targets: [CHAT, { provider: 'vertex', model: GEMINI }] },
        'gemini-then-claude': { targets: [{ provider: 'vertex', model: GEMINI }, { provider: 'vertex', model: CLAUDE }] },
        'claude-then-responses': { targets: [{ provider: 'vertex', model: CLAUDE }, RESPONSES] },
      },
      versions: { floating: 'allow' },
      ledger: { type: 'none' },
    },
    { env: {} },
  );
  sy.on('warning', () => undefined);
  open.push(sy);
  return sy;
}

function mocks(scripts: { azure?: ScriptStep[]; openai?: ScriptStep[]; vertex?: ScriptStep[] }) {
  const azure = createAzureOpenAIMock({ endpoint: AZURE, deployments: { 'prod-gpt51': 'gpt-5.1-2025-11-13' }, script: scripts.azure ?? [answer('unused')] });
  const openai = createOpenAIMock({ script: scripts.openai ?? [answer('unused')] });
  const vertex = createVertexMock({ script: scripts.vertex ?? [answer('unused')] });
  network.use(...azure.handlers, ...openai.handlers, ...vertex.handlers);
  return { azure, openai, vertex };
}

/** The opaque value of a state that must never reach another provider: encrypted content, or a signature. */
function secretOf(state: AssistantReasoning | undefined): string {
  const data = state?.providerData as Record<string, any> | undefined;
  const secret = data?.items?.[0]?.encrypted_content ?? (data?.signatures ? Object.values(data.signatures)[0] : undefined) ?? data?.blocks?.[0]?.signature;
  if (typeof secret !== 'string' || secret.length < 8) throw new Error(`no opaque value in ${JSON.stringify(data)}`);
  return secret;
}

/** The next turn: the assistant's tool call (its id as the provider made it) with its reasoning state, then the tool's result. */
const nextTurn = (first: ChatResult): ChatMessage[] => {
  const id = first.toolCalls[0]?.id ?? 'call_accra';
  return [
    ask,
    { role: 'assistant', content: null, toolCalls: [{ id, name: 'get_weather', arguments: { city: 'Accra' } }], ...(first.reasoningState ? { reasoning: first.reasoningState } : {}) },
    { role: 'tool', toolCallId: id, content: '{"tempC":31}' },
  ];
};

async function finishOf(stream: AsyncIterable<StreamPart>): Promise<Extract<StreamPart, { type: 'finish' }>> {
  let last: StreamPart | undefined;
  for await (const part of stream) last = part;
  if (last?.type !== 'finish') throw new Error('the stream did not finish');
  return last;
}

/**
 * The failed-over turn, as a call and as a stream: served by `provider`, sent without the state, and the warning of the
 * one rule on the result, naming where the state came from and who refused it.
 */
async function expectDropped(sy: Switchyard, alias: string, first: ChatResult, fallback: { mock: ProviderMock; from: number; provider: string; refusal: RegExp; url?: RegExp }) {
  const state = first.reasoningState;
  const from = `(${String(state?.providerData?.format)} state from ${String(state?.providerData?.provider)})`;
  const warning = expect.objectContaining({ type: 'other', setting: 'messages[1].reasoning', message: expect.stringContaining(`The reasoning state of messages[1] ${from} was not sent: `) });
  const result = await sy.chat({ model: alias, messages: nextTurn(first), tools, maxTokens: 512 });
  expect(result).toMatchObject({ provider: fallback.provider, text: 'It is 31 °C in Accra.' });
  expect(result.attempts?.map((a) => a.outcome)).toEqual(['error', 'success']);
  expect(result.warnings).toEqual([warning]);
  expect(result.warnings[0]?.message).toMatch(fallback.refusal);
  const finish = await finishOf(sy.stream({ model: alias, messages: nextTurn(first), tools, maxTokens: 512 }));
  expect(finish.provider).toBe(fallback.provider);
  expect(finish.warnings).toEqual([warning]);
  const sent = fallback.mock.requests.slice(fallback.from).filter((r) => !fallback.url || fallback.url.test(r.url));
  expect(sent).toHaveLength(2);
  for (const request of sent) expect(JSON.stringify(request.body)).not.toContain(secretOf(state));
}

describe('reasoning state on every cross-provider failover path', () => {
  it('should drop Responses state with a warning when the turn fails over to Chat Completions', async () => {
    const { openai } = mocks({ azure: [call, { type: 'error', status: 503 }, { type: 'error', status: 503 }], openai: [answer('It is 31 °C in Accra.')] });
    const sy = switchyard();
    const first = await sy.chat({ model: 'responses-then-chat', messages: [ask], tools });
    expect(first.reasoningState?.providerData).toMatchObject({ format: 'openai-responses', provider: 'azure' });
    await expectDropped(sy, 'responses-then-chat', first, { mock: openai, from: 0, provider: 'openai', refusal: /openai takes no reasoning state on this API/ });
  });

  it('should drop the state in the history with a warning when Chat Completions fails over to Gemini', async () => {
    const { vertex } = mocks({ azure: [call], openai: [{ type: 'error', status: 503 }], vertex: [answer('It is 31 °C in Accra.')] });
    const sy = switchyard();
    // The conversation's earlier turn came from the Responses API; Chat Completions (the primary) and Gemini cannot read it.
    const first = await sy.chat({ model: 'responses-then-chat', messages: [ask], tools });
    await expectDropped(sy, 'chat-then-gemini', first, { mock: vertex, from: 0, provider: 'vertex', refusal: /vertex reads only its own gemini state/ });
  });

  it('should drop Gemini thought signatures with a warning when Gemini fails over to Claude on the same Vertex provider', async () => {
    // Gemini (the primary) gets its own signatures back before it fails; Claude, on the same provider id, never does.
    const { vertex } = mocks({ vertex: [call, { type: 'error', status: 503 }, answer('It is 31 °C in Accra.'), { type: 'error', status: 503 }, answer('It is 31 °C in Accra.')] });
    const sy = switchyard();
    const first = await sy.chat({ model: 'gemini-then-claude', messages: [ask], tools });
    expect(first.reasoningState?.providerData).toMatchObject({ format: 'gemini', provider: 'vertex' });
    await expectDropped(sy, 'gemini-then-claude', first, { mock: vertex, from: 1, provider: 'vertex', refusal: /vertex reads only its own anthropic-messages state/, url: /\/publishers\/anthropic\// });
    const urls = vertex.requests.map((r) => r.url.split(':').at(-1));
    expect(urls).toEqual(['generateContent', 'generateContent', 'rawPredict', 'streamGenerateContent?alt=sse', 'streamRawPredict']);
    expect(JSON.stringify(vertex.requests[1]?.body)).toContain(secretOf(first.reasoningState));
  });

  it('should drop Claude thinking blocks with a warning when Claude fails over to the Responses API', async () => {
    const { azure } = mocks({ vertex: [call, { type: 'error', status: 529 }, { type: 'error', status: 529 }], azure: [answer('It is 31 °C in Accra.')] });
    const sy = switchyard();
    const first = await sy.chat({ model: 'claude-then-responses', messages: [ask], tools, maxTokens: 512 });
    expect(first.reasoningState?.providerData).toMatchObject({ format: 'anthropic-messages', provider: 'vertex' });
    await expectDropped(sy, 'claude-then-responses', first, { mock: azure, from: 0, provider: 'azure', refusal: /azure reads only its own openai-responses state/ });
    expect(azure.requests.every((r) => r.url === `${AZURE}/openai/v1/responses` && !r.body.input.some((i: { type?: string }) => i.type === 'reasoning'))).toBe(true);
  });
});
