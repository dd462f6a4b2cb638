import { GoogleGenAI, ThinkingLevel } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { eventStream } from '../../src/testing/mock-responses.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-reasoning-token-0123456789';
const HOST = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models';
const SIG_CALL = 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=';
const SIG_TEXT = 'EpwGCpkGAdHtim9kL3Jzb2x2ZWQtc2lnbmF0dXJlLXRleHQ=';
const META = { modelVersion: 'gemini-2.5-flash', createTime: '2026-04-07T16:49:58.333958Z', responseId: 'tjXVaYaxFISTq8YP_MWiyAo' };
const USAGE = { promptTokenCount: 41, candidatesTokenCount: 19, thoughtsTokenCount: 388, totalTokenCount: 448, trafficType: 'ON_DEMAND', promptTokensDetails: [{ modality: 'TEXT', tokenCount: 41 }] };

/** A `:generateContent` answer with a thought summary (includeThoughts), the answer, and the text's thought signature on its last part. */
const THOUGHTFUL = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { text: '**Counting the letters**\n\nI spell strawberry out: s-t-r-a-w-b-e-r-r-y. ', thought: true },
          { text: 'The r appears at positions 3, 8 and 9.', thought: true },
          { text: 'There are **3** "r"s in "strawberry".' },
          { text: '', thoughtSignature: SIG_TEXT },
        ],
      },
      finishReason: 'STOP',
      avgLogprobs: -0.21,
    },
  ],
  usageMetadata: USAGE,
  ...META,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function serve(model: string, body: object | object[]) {
  const bodies: any[] = [];
  network.use(
    http.post(new RegExp(`^${escape(`${HOST}/${model}`)}:(generateContent|streamGenerateContent)(\\?alt=sse)?$`), async ({ request }) => {
      bodies.push(await request.json());
      if (!Array.isArray(body)) return HttpResponse.json(body);
      return new HttpResponse(eventStream(body.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`)), { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return bodies;
}
const vertex = (id = 'vertex') => createVertex({ id, project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} });
const ask = (text: string): ChatMessage[] => [{ role: 'user', content: text }];

describe('Vertex thinking input', () => {
  it('should send the effort budget and includeThoughts for summary on Gemini 2.5, budgetTokens winning within the range', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const v = vertex();
    await v.chat({ model: 'gemini-2.5-flash', messages: ask('Hi'), reasoning: { effort: 'low', summary: true } });
    await v.chat({ model: 'gemini-2.5-flash', messages: ask('Hi'), reasoning: { effort: 'low', budgetTokens: 3000 } });
    const clamped = await v.chat({ model: 'gemini-2.5-pro', messages: ask('Hi'), reasoning: { budgetTokens: 50_000 } });
    const off = await v.chat({ model: 'gemini-2.5-pro', messages: ask('Hi'), reasoning: { budgetTokens: 0 } });
    // A negative budget (Gemini's -1, "dynamic") is not in the contract: request validation refuses it before sending.
    await expect(v.chat({ model: 'gemini-2.5-flash', messages: ask('Hi'), reasoning: { budgetTokens: -1 }, maxTokens: 800 })).rejects.toMatchObject({ code: 'invalid_request', field: 'reasoning.budgetTokens' });
    expect(mock.requests.map((r) => r.body.generationConfig)).toEqual([
      { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
      { thinkingConfig: { thinkingBudget: 3000 } },
      { thinkingConfig: { thinkingBudget: 32768 } },
      { thinkingConfig: { thinkingBudget: 128 } },
    ]);
    expect(clamped.warnings[0]?.message).toBe('vertex: gemini-2.5-pro takes a thinking budget from 128 to 32768 tokens, so 50000 was sent as 32768.');
    expect(off.warnings[0]?.message).toBe('vertex: gemini-2.5-pro cannot turn thinking off, so budgetTokens 0 was sent as 128, its smallest budget.');
  });

  it('should send a level on Gemini 3, budgetTokens as thinkingBudget (accepted for compatibility), never both', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const v = vertex();
    await v.chat({ model: 'gemini-3-flash-preview', messages: ask('Hi'), reasoning: { effort: 'medium', summary: true } });
    await v.chat({ model: 'gemini-3-pro-preview', messages: ask('Hi'), reasoning: { effort: 'high', budgetTokens: 6000 } });
    const off = await v.chat({ model: 'gemini-3-pro-preview', messages: ask('Hi'), reasoning: { budgetTokens: 0 } });
    expect(mock.requests.map((r) => r.body.generationConfig.thinkingConfig)).toEqual([{ thinkingLevel: 'MEDIUM', includeThoughts: true }, { thinkingBudget: 6000 }, { thinkingLevel: 'LOW' }]);
    expect(off.warnings.map((w) => w.setting)).toEqual(['reasoning.budgetTokens']);
  });

  it('should refuse reasoning for a model that does not think, and leave models it does not know alone with a warning', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const v = vertex();
    const error = await v.chat({ model: 'gemini-2.0-flash-001', messages: ask('Hi'), reasoning: { summary: true } }).catch((e: unknown) => e);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(mock.requests).toHaveLength(0);
    const tuned = await v.chat({ model: 'endpoints/4815162342', messages: ask('Hi'), reasoning: { effort: 'high' } });
    expect(mock.requests[0]?.body.generationConfig).toBeUndefined();
    expect(tuned.warnings[0]?.message).toMatch(/does not know how endpoints\/4815162342 takes reasoning settings.*providerOptions\.vertex\.generationConfig\.thinkingConfig/);
    // providerOptions still win: the raw thinkingConfig replaces the mapped one.
    await v.chat({ model: 'gemini-2.5-flash', messages: ask('Hi'), reasoning: { effort: 'high' }, providerOptions: { vertex: { generationConfig: { thinkingConfig: { thinkingBudget: 777 } } } } });
    expect(mock.requests[1]?.body.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 777 } });
  });

  it('should build the same thinkingConfig bytes as @google/genai', async () => {
    const seen: Array<{ url: string; body: any }> = [];
    network.use(
      http.post(new RegExp(`^${escape(HOST)}/(gemini-[\\w.-]+):generateContent$`), async ({ request }) => {
        seen.push({ url: request.url, body: await request.json() });
        return HttpResponse.json(THOUGHTFUL);
      }),
    );
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: TOKEN });
    const genai = new GoogleGenAI({ vertexai: true, project: 'acme-prod', location: 'us-central1', apiVersion: 'v1', googleAuthOptions: { authClient } });
    await vertex().chat({ model: 'gemini-2.5-flash', messages: ask('Hi'), reasoning: { effort: 'medium', summary: true } });
    await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi', config: { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } } });
    await vertex().chat({ model: 'gemini-3-pro-preview', messages: ask('Hi'), reasoning: { effort: 'low' } });
    await genai.models.generateContent({ model: 'gemini-3-pro-preview', contents: 'Hi', config: { thinkingConfig: { thinkingLevel: ThinkingLevel.LOW } } });
    expect(seen[0]?.body.generationConfig).toEqual(seen[1]?.body.generationConfig);
    expect(seen[2]?.body.generationConfig).toEqual(seen[3]?.body.generationConfig);
    expect(seen[0]?.url).toBe(seen[1]?.url);
  });
});

describe('Vertex thought output', () => {
  it('should return thought parts as reasoning, apart from the text, with the signature as gemini reasoning state', async () => {
    serve('gemini-2.5-flash', THOUGHTFUL);
    const result = await vertex('vertex-us').chat({ model: 'gemini-2.5-flash', messages: ask('How many r in strawberry?'), reasoning: { summary: true } });
    expect(result.text).toBe('There are **3** "r"s in "strawberry".');
    expect(result.reasoning).toBe('**Counting the letters**\n\nI spell strawberry out: s-t-r-a-w-b-e-r-r-y. The r appears at positions 3, 8 and 9.');
    expect(result.reasoningState).toEqual({ text: result.reasoning, providerData: { format: 'gemini', provider: 'vertex-us', textSignature: SIG_TEXT } });
    expect(result.usage).toMatchObject({ outputTokens: 19 + 388, reasoningTokens: 388, totalTokens: 448 });
  });

  it('should read the same thoughts as the official client', async () => {
    serve('gemini-2.5-flash', THOUGHTFUL);
    const ours = await vertex().chat({ model: 'gemini-2.5-flash', messages: ask('Hi') });
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: TOKEN });
    const theirs = await new GoogleGenAI({ vertexai: true, project: 'acme-prod', location: 'us-central1', apiVersion: 'v1', googleAuthOptions: { authClient } }).models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });
    const parts = theirs.candidates?.[0]?.content?.parts ?? [];
    expect(ours.reasoning).toBe(parts.filter((p) => p.thought).map((p) => p.text).join(''));
    expect(ours.text).toBe(parts.filter((p) => !p.thought).map((p) => p.text ?? '').join(''));
    expect((ours.reasoningState?.providerData as { textSignature?: string }).textSignature).toBe(parts.at(-1)?.thoughtSignature);
  });

  it('should stream thoughts as reasoning-delta parts before the text, and the call signatures on the finish part', async () => {
    serve('gemini-2.5-flash', [
      { candidates: [{ content: { role: 'model', parts: [{ text: '**Planning the lookups**\n\nI need the weather and the local time.', thought: true }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Checking both.' }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
      { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIG_CALL }, { functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }] }, finishReason: 'STOP' }], usageMetadata: USAGE, ...META },
    ]);
    const parts: StreamPart[] = [];
    for await (const part of vertex().stream({ model: 'gemini-2.5-flash', messages: ask('Weather and time in Paris?'), reasoning: { effort: 'low', summary: true } })) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual(['reasoning-delta', 'text-delta', 'tool-call', 'tool-call', 'finish']);
    expect(parts[0]).toEqual({ type: 'reasoning-delta', text: '**Planning the lookups**\n\nI need the weather and the local time.' });
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.reasoningState).toEqual({ text: '**Planning the lookups**\n\nI need the weather and the local time.', providerData: { format: 'gemini', provider: 'vertex', signatures: { call_tjXVaYaxFISTq8YP_MWiyAo_0: SIG_CALL } } });
    expect(finish.usage.outputTokens).toBe(19 + 388);
  });
});

describe('Vertex thought signatures as reasoning state', () => {
  const CALLS = {
    candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIG_CALL }, { functionCall: { name: 'get_time', args: {} } }] }, finishReason: 'STOP' }],
    usageMetadata: USAGE,
    ...{ ...META, modelVersion: 'gemini-3-pro-preview' },
  };
  const turnAfter = (first: ChatResult, reasoning = first.reasoningState): ChatMessage[] => [
    { role: 'user', content: 'Weather and time in Paris?' },
    { role: 'assistant', content: null, toolCalls: first.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })), ...(reasoning ? { reasoning } : {}) },
    ...first.toolCalls.map((c) => ({ role: 'tool' as const, toolCallId: c.id, content: '{"ok":true}' })),
  ];

  it('should send the signatures back from the state on any replica (a new provider has an empty store)', async () => {
    const bodies = serve('gemini-3-pro-preview', CALLS);
    const first = await vertex().chat({ model: 'gemini-3-pro-preview', messages: ask('Weather and time in Paris?') });
    expect(first.reasoningState?.providerData).toEqual({ format: 'gemini', provider: 'vertex', signatures: { [first.toolCalls[0]?.id as string]: SIG_CALL } });
    const replica = vertex();
    const next = await replica.chat({ model: 'gemini-3-pro-preview', messages: turnAfter(first) });
    expect(bodies[1].contents[1].parts).toEqual([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIG_CALL }, { functionCall: { name: 'get_time', args: {} } }]);
    expect(next.warnings).toEqual([]);
  });

  it('should send a text turn’s signature back on its text, and never the thoughts', async () => {
    const bodies = serve('gemini-2.5-flash', THOUGHTFUL);
    const first = await vertex().chat({ model: 'gemini-2.5-flash', messages: ask('How many r in strawberry?'), reasoning: { summary: true } });
    await vertex().chat({ model: 'gemini-2.5-flash', messages: [...ask('How many r in strawberry?'), { role: 'assistant', content: first.text, reasoning: first.reasoningState as never }, ...ask('And in raspberry?')] });
    expect(bodies[1].contents[1]).toEqual({ role: 'model', parts: [{ text: 'There are **3** "r"s in "strawberry".', thoughtSignature: SIG_TEXT }] });
    expect(JSON.stringify(bodies[1])).not.toContain('Counting the letters');
  });

  it('should drop the state of another provider or format with a warning, falling back to the skip signature on Gemini 3', async () => {
    const bodies = serve('gemini-3-pro-preview', CALLS);
    const first = await vertex('vertex-eu').chat({ model: 'gemini-3-pro-preview', messages: ask('Weather and time in Paris?') });
    const other = await vertex('vertex-us').chat({ model: 'gemini-3-pro-preview', messages: turnAfter(first) });
    expect(bodies[1].contents[1].parts[0].thoughtSignature).toBe('skip_thought_signature_validator');
    expect(other.warnings).toEqual([{ type: 'other', setting: 'messages[1].reasoning', message: "The reasoning state of messages[1] (gemini state from vertex-eu) was not sent: vertex-us reads only its own gemini state. The turn's text and tool calls were sent without it." }]);
    const responses = await vertex('vertex-eu').chat({ model: 'gemini-3-pro-preview', messages: turnAfter(first, { providerData: { format: 'openai-responses', provider: 'vertex-eu', items: [{ type: 'reasoning', encrypted_content: 'gAAAAB' }] } }) });
    expect(JSON.stringify(bodies[2])).not.toContain('gAAAAB');
    expect(responses.warnings[0]?.message).toMatch(/openai-responses state from vertex-eu/);
  });
});

describe('Vertex documents', () => {
  it('should send inline bytes as inlineData and gs:// or https:// URLs as fileData with the MIME type', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await vertex().chat({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'file', data: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), mediaType: 'application/pdf', filename: 'a.pdf' },
            { type: 'file', url: 'gs://acme-contracts/2026/msa.pdf', mediaType: 'application/pdf' },
            { type: 'file', url: 'https://www.acme.example/terms.txt', mediaType: 'text/plain' },
            { type: 'file', url: 'data:text/plain,Clause%204%3A%20renewal', mediaType: 'text/plain' },
          ],
        },
      ],
    });
    expect(mock.requests[0]?.body.contents[0].parts).toEqual([
      { text: 'Compare these.' },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'gs://acme-contracts/2026/msa.pdf' } },
      { fileData: { mimeType: 'text/plain', fileUri: 'https://www.acme.example/terms.txt' } },
      { inlineData: { mimeType: 'text/plain', data: Buffer.from('Clause 4: renewal').toString('base64') } },
    ]);
  });

  it('should refuse a type Gemini does not read and a URL scheme it cannot fetch, before sending', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const send = (file: object) => vertex().chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [file as never] }] });
    await expect(send({ type: 'file', data: 'UEsDBBQ=', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).rejects.toThrow(/Gemini takes PDF and plain-text documents/);
    await expect(send({ type: 'file', url: 'http://intranet.acme.local/msa.pdf?token=abc', mediaType: 'application/pdf' })).rejects.toThrow(/document at http:\/\/intranet\.acme\.local….*Cloud Storage \(gs:\/\/\) and https:\/\/ URLs/);
    expect(mock.requests).toHaveLength(0);
  });
});
