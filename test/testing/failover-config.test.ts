/**
 * How to test a Switchyard failover config offline, in your own project: copy this file, replace the relative
 * imports with `switchyard` and `switchyard/testing`, and put your own config in. It uses msw's classic
 * `setupServer`, which sees `fetch`: hence `transport: createFetchTransport()` (Switchyard's default transport
 * is undici's own client, which `setupServer` does not see). No request leaves the process.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport, createSwitchyard, StreamInterruptedError, type SwitchyardConfigInput } from '../../src/index.ts';
import { createAzureOpenAIMock, createOpenAIMock } from '../../src/testing/index.ts';
import { network } from '../setup/network.ts';

const server = setupServer();
beforeAll(async () => {
  await network.disable(); // Only in Switchyard's own suite, whose msw network would answer first: leave this out.
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await network.enable(); // Only in Switchyard's own suite: leave this out.
});

// Your config, with fake keys: the mocks do not check them (Azure's only checks that one is sent).
const config: SwitchyardConfigInput = {
  providers: {
    azure: { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: 'test-azure-key', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
    openai: { type: 'openai', apiKey: 'sk-test' },
  },
  models: {
    chat: {
      targets: [{ provider: 'azure', model: 'prod-gpt4o' }, { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }],
      retry: { attempts: 2, minDelayMs: 1, maxDelayMs: 1000 },
      timeouts: { attemptMs: 100 },
    },
  },
  ledger: { type: 'memory' },
};
const hello = [{ role: 'user' as const, content: 'Hello' }];

function providers(azureScript: Parameters<typeof createAzureOpenAIMock>[0]['script'], openaiScript: Parameters<typeof createOpenAIMock>[0]['script']) {
  const azure = createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: azureScript });
  const openai = createOpenAIMock({ script: openaiScript });
  server.use(...azure.handlers, ...openai.handlers);
  return { azure, openai, sy: createSwitchyard(config, { transport: createFetchTransport() }) };
}

describe('my failover config', () => {
  it('should fail over to OpenAI when Azure is rate limited for longer than the retry budget', async () => {
    const { azure, openai, sy } = providers({ type: 'error', status: 429, retryAfterSeconds: 60 }, { type: 'text', text: 'Hi from OpenAI' });
    const result = await sy.chat({ model: 'chat', messages: hello });
    expect(result.text).toBe('Hi from OpenAI');
    expect(result.provider).toBe('openai');
    expect(result.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['azure', 'error', 'rate_limit'], ['openai', 'success', undefined]]);
    expect(azure.requests).toHaveLength(1);
    expect(openai.requests[0]?.body.model).toBe('gpt-4o-mini-2024-07-18');
    await sy.close();
  });

  it('should retry Azure once on a short retry-after and stay on it', async () => {
    const { azure, openai, sy } = providers([{ type: 'error', status: 429, retryAfterMs: 20 }, { type: 'text', text: 'Hi from Azure' }], { type: 'text', text: 'unused' });
    const result = await sy.chat({ model: 'chat', messages: hello });
    expect(result.provider).toBe('azure');
    expect(azure.requests).toHaveLength(2);
    expect(openai.requests).toHaveLength(0);
    await sy.close();
  });

  it('should give up on a hanging Azure after attemptMs and answer from OpenAI', async () => {
    const { openai, sy } = providers({ type: 'hang' }, { type: 'text', text: 'Hi from OpenAI' });
    const result = await sy.chat({ model: 'chat', messages: hello });
    expect(result.provider).toBe('openai');
    expect(result.attempts?.[0]?.errorCode).toBe('timeout');
    expect(openai.requests).toHaveLength(1);
    await sy.close();
  });

  it('should fail a stream cut after its first words loudly, never truncate it silently', async () => {
    const { sy } = providers({ type: 'cut', text: 'Once upon a time there was', chunks: 4 }, { type: 'text', text: 'unused' });
    let text = '';
    const error = await (async () => {
      for await (const part of sy.stream({ model: 'chat', messages: hello })) if (part.type === 'text-delta') text += part.text;
    })().catch((e: unknown) => e);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(text.length).toBeGreaterThan(0);
    await sy.close();
  });

  it('should report the cost per provider from the ledger', async () => {
    const { sy } = providers({ type: 'error', status: 503 }, { type: 'text', text: 'Hi', usage: { inputTokens: 1000, outputTokens: 200 } });
    await sy.chat({ model: 'chat', messages: hello });
    const report = await sy.costReport({ since: new Date(Date.now() - 60_000), groupBy: ['provider'] });
    const openai = report.rows.find((row) => row.group.provider === 'openai');
    expect(openai?.requests).toBe(1);
    await sy.close();
  });
});
