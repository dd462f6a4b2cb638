import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { readParts } from '../helpers/stream-parts.ts';

const user = (content: string) => [{ role: 'user' as const, content }];
const THOUGHTS = ['Working', ' out', ' the', ' French', ' greeting:', ' it', ' is', ' bonjour', ' in', ' the', ' morning', ' and', ' salut', ' later.'];

// 14 deltas 100 ms apart take 1.4 s, well past the 600 ms firstTokenMs, while the first comes within 100 ms: margin for a loaded machine.
/** An event stream that sends `head` at once, then `paced` one every 100 ms, then `tail`; it stops when the client aborts. */
function pacedStream(request: Request, head: string[], paced: string[], tail: string[]): Response {
  const encoder = new TextEncoder();
  const events = [...head.map((e) => ({ e, wait: false })), ...paced.map((e) => ({ e, wait: true })), ...tail.map((e) => ({ e, wait: false }))];
  let i = 0;
  return new HttpResponse(
    new ReadableStream({
      async pull(c) {
        if (request.signal.aborted) return c.error(new Error('aborted'));
        const next = events[i++];
        if (!next) return c.close();
        if (next.wait) await new Promise((r) => setTimeout(r, 100));
        c.enqueue(encoder.encode(next.e));
      },
    }),
    { headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
  ) as unknown as Response;
}

const sse = (event: Record<string, unknown>, name = event.type as string) => `event: ${name}\ndata: ${JSON.stringify(event)}\n\n`;

/** The Responses events of an answer whose reasoning streams as `deltaType` deltas before one text delta. */
function responsesEvents(deltaType: 'response.reasoning_summary_text.delta' | 'response.reasoning_text.delta') {
  const response = { id: 'resp_68b1f0c2a9d4', object: 'response', created_at: 1795424400, model: 'gpt-oss-120b', output: [], usage: null };
  const reasoning = { id: 'rs_68b1f0c2a9d4', type: 'reasoning', summary: [], content: [] };
  const message = { id: 'msg_68b1f0c2a9d4', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Bonjour', annotations: [] }] };
  const where = deltaType === 'response.reasoning_text.delta' ? { content_index: 0 } : { summary_index: 0 };
  const head = [
    sse({ type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } }),
    sse({ type: 'response.in_progress', sequence_number: 1, response: { ...response, status: 'in_progress' } }),
    sse({ type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: reasoning }),
  ];
  const paced = THOUGHTS.map((delta, i) => sse({ type: deltaType, sequence_number: 3 + i, item_id: reasoning.id, output_index: 0, ...where, delta }));
  const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 29 }, total_tokens: 50 };
  const tail = [
    sse({ type: 'response.output_item.done', sequence_number: 40, output_index: 0, item: reasoning }),
    sse({ type: 'response.output_item.added', sequence_number: 41, output_index: 1, item: { ...message, status: 'in_progress', content: [] } }),
    sse({ type: 'response.output_text.delta', sequence_number: 42, item_id: message.id, output_index: 1, content_index: 0, delta: 'Bonjour' }),
    sse({ type: 'response.output_item.done', sequence_number: 43, output_index: 1, item: message }),
    sse({ type: 'response.completed', sequence_number: 44, response: { ...response, status: 'completed', output: [reasoning, message], usage } }),
  ];
  return { head, paced, tail };
}

const texts = (parts: StreamPart[], type: 'reasoning-delta' | 'text-delta') => parts.filter((p) => p.type === type).map((p) => (p as { text: string }).text);

describe('createSwitchyard: reasoning deltas count as the first token on every streaming API', () => {
  const backup = () => {
    const mock = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'from the backup' } });
    network.use(...mock.handlers);
    return mock;
  };

  for (const deltaType of ['response.reasoning_summary_text.delta', 'response.reasoning_text.delta'] as const) {
    it(`should not fail over a Responses stream sending ${deltaType} every 100 ms past firstTokenMs, and deliver the reasoning`, async () => {
      const { head, paced, tail } = responsesEvents(deltaType);
      network.use(http.post('https://api.openai.com/v1/responses', ({ request }) => pacedStream(request, head, paced, tail)));
      const other = backup();
      const sy = createSwitchyard({
        providers: { openai: { type: 'openai', apiKey: 'sk-proj-reasoning0123456789', api: 'responses' }, backup: { type: 'openai', baseURL: 'https://backup.example/v1', apiKey: 'sk-backup-0123456789' } },
        models: { think: { targets: [{ provider: 'openai', model: 'gpt-oss-120b' }, { provider: 'backup', model: 'gpt-4o-mini-2024-07-18' }], timeouts: { firstTokenMs: 600 } } },
        ledger: { type: 'none' },
      });
      const { parts, error } = await readParts(sy.stream({ model: 'think', messages: user('Say hello in French.') }));
      expect(error).toBeUndefined();
      expect(texts(parts, 'reasoning-delta')).toEqual(THOUGHTS);
      expect(texts(parts, 'text-delta')).toEqual(['Bonjour']);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'openai', attempts: [{ provider: 'openai', outcome: 'success' }] });
      expect(other.requests).toHaveLength(0);
      await sy.close();
    });
  }

  it('should not fail over Claude on Vertex sending thinking deltas every 100 ms past firstTokenMs', async () => {
    const url = 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict';
    const usage = { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 };
    const head = [
      sse({ type: 'message_start', message: { id: 'msg_vrtx_01Xq3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [], stop_reason: null, stop_sequence: null, usage } }),
      sse({ type: 'ping' }),
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    ];
    const paced = THOUGHTS.map((thinking) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking } }));
    const tail = [
      sse({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' } }),
      sse({ type: 'content_block_stop', index: 0 }),
      sse({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
      sse({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Bonjour' } }),
      sse({ type: 'content_block_stop', index: 1 }),
      sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 30 } }),
      sse({ type: 'message_stop' }),
    ];
    network.use(http.post(url, ({ request }) => pacedStream(request, head, paced, tail)));
    const other = backup();
    const sy = createSwitchyard({
      providers: { vertex: { type: 'vertex', project: 'acme-prod', location: 'us-east5', accessToken: 'ya29.c.reasoning-test-token' }, backup: { type: 'openai', baseURL: 'https://backup.example/v1', apiKey: 'sk-backup-0123456789' } },
      models: { think: { targets: [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }, { provider: 'backup', model: 'gpt-4o-mini-2024-07-18' }], timeouts: { firstTokenMs: 600 } } },
      ledger: { type: 'none' },
    });
    const { parts, error } = await readParts(sy.stream({ model: 'think', messages: user('Say hello in French.') }));
    expect(error).toBeUndefined();
    expect(texts(parts, 'reasoning-delta')).toEqual(THOUGHTS);
    expect(texts(parts, 'text-delta')).toEqual(['Bonjour']);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'vertex', attempts: [{ provider: 'vertex', outcome: 'success' }] });
    expect(other.requests).toHaveLength(0);
    await sy.close();
  });
});
