import { describe, expect, it } from 'vitest';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';
import { network } from '../setup/network.ts';

const user = (content: string) => [{ role: 'user' as const, content }];
type Finish = Extract<StreamPart, { type: 'finish' }>;

async function finishOf(stream: AsyncIterable<StreamPart>): Promise<Finish> {
  let finish: Finish | undefined;
  for await (const part of stream) if (part.type === 'finish') finish = part;
  return finish as Finish;
}

/** OpenAI's headers on an answer that used the window's last request: none left, back in 2 s. */
const EXHAUSTED = { 'x-request-id': 'req_7b2f9c1e0d4a', 'openai-processing-ms': '180', 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-remaining-tokens': '29000' };

describe('providers\' own rate-limit signals feed the shared state on every API', () => {
  for (const [api, operation] of [['chat', 'chat'], ['chat', 'stream'], ['responses', 'chat'], ['responses', 'stream']] as const) {
    it(`should skip a target whose ${api === 'chat' ? 'Chat Completions' : 'Responses API'} ${operation} answer said no requests are left, until its reset`, async () => {
      const clock = createManualClock();
      const primary = createOpenAIMock({ script: { type: 'text', text: 'last one' }, responseHeaders: () => EXHAUSTED });
      const fallback = createOpenAIMock({ baseURL: 'https://fallback.example/v1', script: { type: 'text', text: 'from the fallback' } });
      network.use(...primary.handlers, ...fallback.handlers);
      const sy = createSwitchyard(
        {
          providers: { openai: { type: 'openai', apiKey: 'sk-proj-signals0123456789abcdef', api }, fallback: { type: 'openai', baseURL: 'https://fallback.example/v1', apiKey: 'sk-fallback-0123456789' } },
          models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }, { provider: 'fallback', model: 'gpt-4o-2024-08-06' }] } },
          ledger: { type: 'none' },
        },
        { clock, telemetry: false },
      );
      const call = () => (operation === 'chat' ? sy.chat({ model: 'chat', messages: user('Hi') }) : finishOf(sy.stream({ model: 'chat', messages: user('Hi') })));
      const first = await call();
      expect(first).toMatchObject({ provider: 'openai', rateLimit: { remainingRequests: 0, resetRequestsMs: 2000 } });
      expect(sy.health().targets[0]?.limits).toEqual({ exhaustedUntil: clock.now() + 2000, exhaustedBy: 'x-ratelimit-remaining-requests: 0' });
      const skipped = await call();
      expect(skipped.provider).toBe('fallback');
      expect(skipped.attempts?.[0]).toMatchObject({ provider: 'openai', outcome: 'skipped', limit: { name: 'providerSignal', path: 'x-ratelimit-remaining-requests: 0', retryAfterMs: 2000 } });
      expect(primary.requests.map((r) => new URL(r.url).pathname)).toEqual([api === 'chat' ? '/v1/chat/completions' : '/v1/responses']);
      clock.advance(2000);
      expect((await call()).provider).toBe('openai');
      await sy.close();
    });
  }

  it('should skip Claude on Vertex after a 429 with a retry-after until then, and count a 429 without one against the circuit', async () => {
    const clock = createManualClock();
    const vertex = createVertexMock({ script: [{ type: 'error', status: 429, retryAfterSeconds: 3 }, { type: 'error', status: 429 }, { type: 'text', text: 'Bonjour' }] });
    const fallback = createOpenAIMock({ baseURL: 'https://fallback.example/v1', script: { type: 'text', text: 'from the fallback' } });
    network.use(...vertex.handlers, ...fallback.handlers);
    const sy = createSwitchyard(
      {
        providers: { vertex: { type: 'vertex', project: 'acme-prod', location: 'us-east5', accessToken: 'ya29.c.signals-test-token' }, fallback: { type: 'openai', baseURL: 'https://fallback.example/v1', apiKey: 'sk-fallback-0123456789' } },
        models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }, { provider: 'fallback', model: 'gpt-4o-2024-08-06' }] } },
        ledger: { type: 'none' },
      },
      { clock, telemetry: false },
    );
    const first = await finishOf(sy.stream({ model: 'chat', messages: user('Hi') }));
    expect(first.provider).toBe('fallback');
    expect(first.attempts?.[0]).toMatchObject({ provider: 'vertex', outcome: 'error', errorCode: 'rate_limit' });
    expect(sy.health().targets[0]?.limits).toEqual({ exhaustedUntil: clock.now() + 3000, exhaustedBy: '429 retry-after 3000 ms' });
    expect((await sy.chat({ model: 'chat', messages: user('Hi') })).attempts?.[0]).toMatchObject({ provider: 'vertex', outcome: 'skipped', limit: { name: 'providerSignal' } });
    expect(vertex.requests).toHaveLength(1);
    clock.advance(3000);
    // Vertex's quota 429 for Claude names no wait (real ones carry no retry-after): nothing to skip it for, but one more
    // failure the circuit counts (each 429 does).
    expect((await sy.chat({ model: 'chat', messages: user('Hi') })).provider).toBe('fallback');
    expect(sy.health().targets[0]).toMatchObject({ consecutiveFailures: 2 });
    expect(sy.health().targets[0]?.limits).toBeUndefined();
    expect((await sy.chat({ model: 'chat', messages: user('Hi') })).provider).toBe('vertex');
    await sy.close();
  });
});
