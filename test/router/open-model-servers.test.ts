import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { StreamInterruptedError, TimeoutError, UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createCoreWeaveMock } from '../../src/testing/create-coreweave-mock.ts';
import { createOCIMock } from '../../src/testing/create-oci-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { CapturedRequest } from '../../src/testing/script-step.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { createTestKeyPair } from '../adapters/oci-helpers.ts';
import { network } from '../setup/network.ts';
import { loadRecording, replay } from '../setup/replay-recording.ts';
import { LLAMA_TOOL_ARGUMENTS_NOT_JSON } from '../fixtures/open-model-bodies.ts';
import { readParts } from '../helpers/stream-parts.ts';

const SMALL = 'http://llama-2k.llm.svc.cluster.local:8080/v1';
const BIG = 'http://llama-8k.llm.svc.cluster.local:8080/v1';
const KEY = 'sk-local-test-key';

/** Serves an operation of a llama-server with recordings, one per request in order (the last repeats). */
function serveRecordings(baseURL: string, operation: 'chat/completions' | 'embeddings', names: string[]): CapturedRequest[] {
  const requests: CapturedRequest[] = [];
  network.use(
    http.post(`${baseURL}/${operation}`, async ({ request }) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      requests.push({ method: 'POST', url: request.url, headers, body: await request.json() });
      return replay(loadRecording(names[Math.min(requests.length - 1, names.length - 1)] as string), { signal: request.signal });
    }),
  );
  return requests;
}

const user = (content: string) => [{ role: 'user' as const, content }];

describe('createSwitchyard with open-model servers (llama.cpp recordings)', () => {
  it('should move a prompt that a 2048-token llama.cpp target refuses on to the 8192-token one', async () => {
    const small = serveRecordings(SMALL, 'chat/completions', ['ctx-failover-small-false']);
    const big = serveRecordings(BIG, 'chat/completions', ['ctx-failover-big-false']);
    const sy = createSwitchyard({
      providers: { 'llama-2k': { type: 'coreweave', baseURL: SMALL, apiKey: KEY }, 'llama-8k': { type: 'coreweave', baseURL: BIG, apiKey: KEY } },
      models: { chat: { targets: [{ provider: 'llama-2k', model: 'tiny-random' }, { provider: 'llama-8k', model: 'tiny-random', capabilities: { contextWindow: 8192 } }] } },
      ledger: { type: 'none' },
    });
    const failovers: unknown[] = [];
    sy.on('failover', (e) => failovers.push(e));
    const prompt = 'hello '.repeat(3000);
    const result = await sy.chat({ model: 'chat', messages: user(prompt), maxTokens: 8, temperature: 0, seed: 42 });
    expect(result).toMatchObject({ text: ' dong confirms Zah Zah Zah Zah Zah Zah', provider: 'llama-8k', usage: { inputTokens: 3030, outputTokens: 8 } });
    expect(result.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([
      ['llama-2k', 'error', 'context_length'],
      ['llama-8k', 'success', undefined],
    ]);
    expect(failovers).toEqual([expect.objectContaining({ errorCode: 'context_length', reason: expect.stringContaining('exceeds the available context size (2048 tokens)') })]);
    // The same request, as recorded, to both servers.
    for (const sent of [small[0], big[0]]) expect(sent?.body).toEqual({ model: 'tiny-random', messages: [{ role: 'user', content: prompt }], max_tokens: 8, temperature: 0, seed: 42 });
    expect(sy.health().targets.map((t) => [t.provider, t.consecutiveFailures])).toEqual([['llama-2k', 0], ['llama-8k', 0]]);
    await sy.close();
  });

  it('should skip targets whose window is not larger than the n_ctx the refusing server reported, or smaller than the prompt it counted', async () => {
    serveRecordings(SMALL, 'chat/completions', ['ctx-failover-small-false']);
    const same = serveRecordings('http://llama-2k-b.llm.svc.cluster.local:8080/v1', 'chat/completions', ['chat-stop']);
    const short = serveRecordings('http://llama-3k.llm.svc.cluster.local:8080/v1', 'chat/completions', ['chat-stop']);
    serveRecordings(BIG, 'chat/completions', ['ctx-failover-big-false']);
    const sy = createSwitchyard({
      providers: {
        'llama-2k': { type: 'coreweave', baseURL: SMALL },
        'llama-2k-b': { type: 'coreweave', baseURL: 'http://llama-2k-b.llm.svc.cluster.local:8080/v1', capabilities: { contextWindow: 2048 } },
        'llama-3k': { type: 'coreweave', baseURL: 'http://llama-3k.llm.svc.cluster.local:8080/v1', capabilities: { contextWindow: 3000 } },
        'llama-8k': { type: 'coreweave', baseURL: BIG },
      },
      models: { chat: { targets: ['llama-2k', 'llama-2k-b', 'llama-3k', 'llama-8k'].map((provider) => ({ provider, model: 'tiny-random' })) } },
      ledger: { type: 'none' },
    });
    // A short prompt by Switchyard's estimate: only the server's own count shows it does not fit.
    const result = await sy.chat({ model: 'chat', messages: user('hello') });
    expect(result.provider).toBe('llama-8k');
    expect(same).toHaveLength(0);
    expect(short).toHaveLength(0);
    expect(result.attempts?.map((a) => [a.provider, a.outcome])).toEqual([
      ['llama-2k', 'error'],
      ['llama-2k-b', 'skipped'],
      ['llama-3k', 'skipped'],
      ['llama-8k', 'success'],
    ]);
    expect(result.attempts?.[1]?.reason).toMatch(/context window of 2048 tokens is not larger than the 2048 tokens/);
    expect(result.attempts?.[2]?.reason).toMatch(/context window of 3000 tokens is smaller than the 3030 tokens/);
    await sy.close();
  });

  it('should neither retry nor count against the circuit breaker three 501s of a chat-only server, and serve the next request', async () => {
    const embeddings = serveRecordings(SMALL, 'embeddings', ['embed-on-chat-server']);
    const chats = serveRecordings(SMALL, 'chat/completions', ['chat-stop']);
    // The defaults: one target, so two tries per request, and a circuit that opens after 5 failures in a row.
    const sy = createSwitchyard({ providers: { llama: { type: 'coreweave', baseURL: SMALL, apiKey: KEY } }, models: { embed: { targets: [{ provider: 'llama', model: 'tiny-random' }] }, chat: { targets: [{ provider: 'llama', model: 'tiny-random' }] } }, ledger: { type: 'none' } });
    const circuits: unknown[] = [];
    sy.on('circuit-open', (e) => circuits.push(e));
    for (let i = 0; i < 3; i++) {
      const error = await sy.embed({ model: 'embed', input: ['hello'] }).catch((e: unknown) => e);
      expect(UnsupportedFeatureError.isInstance(error) || UnsupportedFeatureError.isInstance((error as Error).cause)).toBe(true);
    }
    expect(embeddings).toHaveLength(3);
    const result = await sy.chat({ model: 'chat', messages: user('Say hello in French.'), maxTokens: 40, stop: ['e'] });
    expect(result.text).toBe('das_FAILED w');
    expect(chats).toHaveLength(1);
    expect(circuits).toEqual([]);
    expect(sy.health().targets.filter((t) => t.alias === 'embed')).toEqual([expect.objectContaining({ state: 'closed', consecutiveFailures: 0 })]);
    await sy.close();
  });

  it('should neither retry nor count against the circuit a 500 that blames the request (tool-call arguments that are not JSON), in chats and streams', async () => {
    // Request validation lets this through (the arguments are a string, as the contract allows): only the server can refuse it.
    let received = 0;
    network.use(
      http.post(`${SMALL}/chat/completions`, async ({ request }) => {
        received++;
        const body = (await request.json()) as { messages: Array<{ tool_calls?: unknown }> };
        if (body.messages.some((m) => m.tool_calls)) return HttpResponse.json(LLAMA_TOOL_ARGUMENTS_NOT_JSON, { status: 500 });
        return replay(loadRecording('chat-stop'), { signal: request.signal });
      }),
    );
    const sy = createSwitchyard({
      providers: { llama: { type: 'coreweave', baseURL: SMALL, apiKey: KEY } },
      models: { chat: { circuitBreaker: { consecutiveFailures: 3 }, targets: [{ provider: 'llama', model: 'tiny-random' }] } },
      ledger: { type: 'none' },
    });
    const circuits: unknown[] = [];
    sy.on('circuit-open', (e) => circuits.push(e));
    const broken = [
      { role: 'user' as const, content: 'Weather in Paris?' },
      { role: 'assistant' as const, content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":' }] },
      { role: 'tool' as const, toolCallId: 'call_1', content: '{"temperature":21}' },
    ];
    for (let i = 0; i < 3; i++) {
      const error = await sy.chat({ model: 'chat', messages: broken }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_request', status: 500, retryable: false });
    }
    const { error: streamed } = await readParts(sy.stream({ model: 'chat', messages: broken }));
    expect(streamed).toMatchObject({ code: 'invalid_request', status: 500 });
    // One request each: never retried; and a healthy server: its circuit stays closed, the next request is served.
    expect(received).toBe(4);
    expect(circuits).toEqual([]);
    expect(sy.health().targets[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    const result = await sy.chat({ model: 'chat', messages: user('Say hello in French.'), maxTokens: 40, stop: ['e'] });
    expect(result).toMatchObject({ provider: 'llama', text: 'das_FAILED w' });
    await sy.close();
  });

  it('should count reasoning deltas as the first token: a server reasoning every 50 ms is not failed over by firstTokenMs', async () => {
    const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ finish_reason: finish, index: 0, delta }], created: 1796160106, id: 'chatcmpl-zvyAOkHNEWXuUSfakpj46hnBjWMG8yP0', model: 'tiny-random-think', system_fingerprint: 'b1-80fb11a', object: 'chat.completion.chunk' })}\n\n`;
    const words = ['DITION', 'Postal', ' addCriterion', ' hes', ',filename', ' Twelve', '_plain', ' freder', ' ONLY', ' brings', 'busy', 'FTER', ' journeys', ' filt'];
    network.use(
      http.post(`${SMALL}/chat/completions`, ({ request }) => {
        const encoder = new TextEncoder();
        let i = 0;
        return new HttpResponse(
          new ReadableStream({
            async pull(c) {
              if (request.signal.aborted) return c.error(new Error('aborted'));
              if (i === 0) c.enqueue(encoder.encode(chunk({ role: 'assistant', content: null })));
              else if (i <= words.length) {
                await new Promise((r) => setTimeout(r, 50));
                c.enqueue(encoder.encode(chunk({ reasoning_content: words[i - 1] })));
              } else if (i === words.length + 1) c.enqueue(encoder.encode(chunk({ content: 'Bonjour' })));
              else if (i === words.length + 2) c.enqueue(encoder.encode(`${chunk({}, 'stop')}data: [DONE]\n\n`));
              else return c.close();
              i++;
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'from the backup' } });
    network.use(...backup.handlers);
    const sy = createSwitchyard({
      providers: { llama: { type: 'coreweave', baseURL: SMALL, apiKey: KEY }, backup: { type: 'openai', baseURL: 'https://backup.example/v1', apiKey: 'sk-backup-0123456789' } },
      models: { think: { targets: [{ provider: 'llama', model: 'tiny-random-think' }, { provider: 'backup', model: 'gpt-4o-mini-2024-07-18' }], timeouts: { firstTokenMs: 200 } } },
      ledger: { type: 'none' },
    });
    const { parts, error } = await readParts(sy.stream({ model: 'think', messages: user('Say hello in French.') }));
    expect(error).toBeUndefined();
    expect(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p as { text: string }).text)).toEqual(words);
    expect(parts.filter((p) => p.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'Bonjour' }]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'llama' });
    expect(backup.requests).toHaveLength(0);
    await sy.close();
  });

  it('should prefer targets that apply dimensions for an embedding request that asks for them', async () => {
    const llama = serveRecordings(SMALL, 'embeddings', ['embed-dimensions']);
    const openai = createOpenAIMock({ baseURL: 'https://api.openai.com/v1', script: { type: 'embeddings' } });
    network.use(...openai.handlers);
    const sy = createSwitchyard({
      providers: { llama: { type: 'coreweave', baseURL: SMALL, apiKey: KEY }, openai: { type: 'openai', apiKey: 'sk-proj-0123456789abcdef' } },
      models: { embed: { targets: [{ provider: 'llama', model: 'tiny-random-embed', capabilities: { dimensions: false } }, { provider: 'openai', model: 'text-embedding-3-small' }] } },
      ledger: { type: 'none' },
    });
    const shortened = await sy.embed({ model: 'embed', input: ['hello world'], dimensions: 8 });
    expect(shortened).toMatchObject({ provider: 'openai', warnings: [] });
    expect(shortened.embeddings[0]).toHaveLength(8);
    expect(openai.requests[0]?.body.dimensions).toBe(8);
    // Without dimensions the configured order holds.
    const full = await sy.embed({ model: 'embed', input: ['hello world'] });
    expect(full.provider).toBe('llama');
    expect(llama).toHaveLength(1);
    await sy.close();
  });
});

describe('timeouts.idleMs for every adapter type', () => {
  const keys = createTestKeyPair();
  const config = {
    providers: {
      openai: { type: 'openai', apiKey: 'sk-proj-idle-0123456789abcdef' },
      azure: { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
      'azure-v1': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: 'azure-key-0123456789abcdef', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
      vertex: { type: 'vertex', project: 'acme-prod', location: 'europe-west4', accessToken: 'ya29.c.idle-test-token' },
      coreweave: { type: 'coreweave', baseURL: 'https://llm.acme.example/v1', apiKey: 'cw-key-0123456789' },
      oci: { type: 'oci', region: 'us-chicago-1', compartmentId: 'ocid1.compartment.oc1..aaaaaaaa2hkq7vzmx5wnc4jbrlt6pygd3fuoesic', tenancy: 'ocid1.tenancy.oc1..aaaaaaaaw3zq5xkv7mnc2pbrlt4gjyhd6fuoesia', user: 'ocid1.user.oc1..aaaaaaaa5nrtq2jzw7xkvbm4c6lpyhgd3fuoesib', fingerprint: keys.fingerprint, privateKey: keys.privateKeyPem },
    },
    models: {
      openai: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] },
      'azure-openai': { targets: [{ provider: 'azure', model: 'prod-gpt4o' }] },
      vertex: { targets: [{ provider: 'vertex', model: 'gemini-2.0-flash-001' }] },
      coreweave: { targets: [{ provider: 'coreweave', model: 'meta-llama/Llama-3.3-70B-Instruct' }] },
      oci: { targets: [{ provider: 'oci', model: 'meta.llama-3.3-70b-instruct' }] },
      'openai-responses': { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06', api: 'responses' }] },
      'azure-openai-responses': { targets: [{ provider: 'azure-v1', model: 'prod-gpt4o', api: 'responses' }] },
      'vertex-claude': { targets: [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }] },
    },
    defaults: { timeouts: { idleMs: 300 }, retry: { attempts: 1 } },
    ledger: { type: 'none' },
  };
  // Two text pieces, then silence with a ':' ping every 50 ms (the pings must not keep it alive).
  const stall = { type: 'text' as const, text: 'one two three four five six', chunks: 6, stallAfterChunks: 2, pingEveryMs: 50 };
  const mocks = {
    openai: () => createOpenAIMock({ script: stall }),
    'azure-openai': () => createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: stall }),
    vertex: () => createVertexMock({ script: stall }),
    coreweave: () => createCoreWeaveMock({ baseURL: 'https://llm.acme.example/v1', script: stall }),
    oci: () => createOCIMock({ region: 'us-chicago-1', script: stall }),
    'openai-responses': () => createOpenAIMock({ script: stall }),
    'azure-openai-responses': () => createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: stall }),
    'vertex-claude': () => createVertexMock({ script: stall }),
  };

  for (const [alias, mock] of Object.entries(mocks)) {
    it(`should end a stream of the ${alias} adapter that stalls after two parts with StreamInterruptedError caused by TimeoutError kind idle`, async () => {
      const server = mock();
      network.use(...server.handlers);
      const sy = createSwitchyard(config);
      const ends: Array<{ outcome: string; errorCode?: string }> = [];
      sy.on('attempt-end', (e) => ends.push(e));
      // timeoutMs bounds the test: without the idle timeout the stream would end at the total deadline instead.
      const { parts, error } = await readParts(sy.stream({ model: alias, messages: user('Count to six'), timeoutMs: 5000 }));
      expect(parts.map((p) => p.type)).toEqual(['text-delta', 'text-delta']);
      expect(error).toBeInstanceOf(StreamInterruptedError);
      expect(error).toMatchObject({ partsDelivered: 2 });
      expect((error as Error).cause).toBeInstanceOf(TimeoutError);
      expect((error as Error).cause).toMatchObject({ kind: 'idle', timeoutMs: 300, message: expect.stringContaining('(timeouts.idleMs)') });
      expect(ends).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'timeout' })]);
      expect(server.requests).toHaveLength(1);
      await sy.close();
    });
  }

  it('should not count a caller that reads slowly as an idle provider', async () => {
    const server = createOpenAIMock({ script: { type: 'text', text: 'one two three four', chunks: 4 } });
    network.use(...server.handlers);
    const sy = createSwitchyard(config);
    const parts: StreamPart[] = [];
    for await (const part of sy.stream({ model: 'openai', messages: user('Count to four') })) {
      parts.push(part);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe('one two three four');
    await sy.close();
  });
});
