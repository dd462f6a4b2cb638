import { describe, expect, it } from 'vitest';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { ownReasoningState } from '../../src/reasoning/own-reasoning-state.ts';
import { createCoreWeaveMock, createOpenAIMock, createVertexMock } from '../../src/testing/index.ts';
import type { ProviderMock } from '../../src/testing/create-openai-mock.ts';
import type { ReasoningProviderData } from '../../src/types/assistant-reasoning.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { network } from '../setup/network.ts';

/** State as each adapter tags it, with a marker that must never reach a provider that does not own it. */
const STATES: Record<string, ReasoningProviderData> = {
  'openai-responses': { format: 'openai-responses', provider: 'openai', items: [{ type: 'reasoning', id: 'rs_marker', summary: [], encrypted_content: 'gAAAAB-MARKER-responses' }] },
  gemini: { format: 'gemini', provider: 'vertex', textSignature: 'MARKER-gemini-signature' },
  'anthropic-messages': { format: 'anthropic-messages', provider: 'vertex', blocks: [{ type: 'thinking', thinking: 'MARKER-thinking', signature: 'MARKER-anthropic-signature' }] },
};
const MARKER = /MARKER/;

const history = (data: ReasoningProviderData): ChatMessage[] => [
  { role: 'user', content: 'Plan the migration.' },
  { role: 'assistant', content: 'Step 1: freeze writes.', reasoning: { providerData: data } },
  { role: 'user', content: 'And step 2?' },
];
const answer = { type: 'text' as const, text: 'Step 2: copy the data.', usage: { inputTokens: 40, outputTokens: 12 } };

/** Every adapter that takes (or refuses) reasoning state, with its owner tag as the one rule knows it. */
function adapters(): Array<{ name: string; provider: Provider; mock: ProviderMock; model: string; owner: { format: string | undefined; provider: string } }> {
  const openai = createOpenAIMock({ script: answer });
  const vertex = createVertexMock({ script: answer });
  const coreweave = createCoreWeaveMock({ baseURL: 'https://vllm.acme.internal/v1', script: answer });
  network.use(...openai.handlers, ...vertex.handlers, ...coreweave.handlers);
  const gcp = createVertex({ project: 'acme-prod', location: 'global', accessToken: 'ya29.own-state-token', env: {} });
  return [
    { name: 'OpenAI Chat Completions', provider: createOpenAI({ apiKey: 'sk-proj-own-state-0123456789' }), mock: openai, model: 'gpt-5.1', owner: { format: undefined, provider: 'openai' } },
    { name: 'OpenAI Responses', provider: createOpenAI({ apiKey: 'sk-proj-own-state-0123456789', api: 'responses' }), mock: openai, model: 'gpt-5.1', owner: { format: 'openai-responses', provider: 'openai' } },
    { name: 'CoreWeave Chat Completions', provider: createCoreWeave({ baseURL: 'https://vllm.acme.internal/v1' }), mock: coreweave, model: 'Qwen/Qwen3-32B', owner: { format: undefined, provider: 'coreweave' } },
    { name: 'Vertex Gemini', provider: gcp, mock: vertex, model: 'gemini-2.5-flash', owner: { format: 'gemini', provider: 'vertex' } },
    { name: 'Vertex Claude', provider: gcp, mock: vertex, model: 'claude-sonnet-4-5@20250929', owner: { format: 'anthropic-messages', provider: 'vertex' } },
  ];
}

async function finishOf(stream: AsyncIterable<StreamPart>): Promise<Extract<StreamPart, { type: 'finish' }>> {
  let last: StreamPart | undefined;
  for await (const part of stream) last = part;
  if (last?.type !== 'finish') throw new Error('the stream did not finish');
  return last;
}

describe('one rule for "is this reasoning state mine" (ownReasoningState), in every adapter', () => {
  it('should drop state of another format or provider with the warning of the one rule, chat and stream, never sending it', async () => {
    for (const { name, provider, mock, model, owner } of adapters()) {
      for (const data of Object.values(STATES)) {
        if (data.format === owner.format && data.provider === owner.provider) continue;
        const expected: Warning[] = [];
        ownReasoningState({ providerData: data }, owner, 'messages[1]', expected);
        expect(expected, `${name}: the rule drops ${data.format}`).toHaveLength(1);
        const before = mock.requests.length;
        const result = await provider.chat({ model, messages: history(data), maxTokens: 256 });
        const finish = await finishOf(provider.stream({ model, messages: history(data), maxTokens: 256 }));
        expect(result.warnings.filter((w) => w.setting === 'messages[1].reasoning'), `${name} chat, ${data.format} state`).toEqual(expected);
        expect(finish.warnings.filter((w) => w.setting === 'messages[1].reasoning'), `${name} stream, ${data.format} state`).toEqual(expected);
        const sent = mock.requests.slice(before);
        expect(sent, name).toHaveLength(2);
        for (const request of sent) expect(JSON.stringify(request.body), `${name} sent ${data.format} state`).not.toMatch(MARKER);
      }
    }
  });

  it('should send an adapter its own state back, with no warning', async () => {
    for (const { name, provider, mock, model, owner } of adapters()) {
      const own = Object.values(STATES).find((s) => s.format === owner.format && s.provider === owner.provider);
      if (!own) continue;
      const result = await provider.chat({ model, messages: history(own), maxTokens: 256 });
      expect(result.warnings, name).toEqual([]);
      expect(JSON.stringify(mock.requests.at(-1)?.body), name).toMatch(MARKER);
    }
  });

  it('should name the same provider id with another format as not its own (Gemini and Claude share a Vertex provider)', () => {
    const warnings: Warning[] = [];
    expect(ownReasoningState({ providerData: STATES.gemini }, { format: 'anthropic-messages', provider: 'vertex' }, 'messages[3]', warnings)).toBeUndefined();
    expect(warnings).toEqual([{ type: 'other', setting: 'messages[3].reasoning', message: "The reasoning state of messages[3] (gemini state from vertex) was not sent: vertex reads only its own anthropic-messages state. The turn's text and tool calls were sent without it." }]);
    expect(ownReasoningState({ providerData: STATES.gemini }, { format: 'gemini', provider: 'vertex' }, 'messages[3]', warnings)).toBe(STATES.gemini);
    expect(ownReasoningState({ text: 'only text' }, { format: 'gemini', provider: 'vertex' }, 'messages[3]', warnings)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});
