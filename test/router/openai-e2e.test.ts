import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, StreamInterruptedError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { ask, collect, textOf } from './helpers/make-switchyard.ts';

const PRIMARY_KEY = 'sk-proj-primary-7Hq2LmN9xV4bC1zR8tK3';
const BACKUP_KEY = 'sk-proj-backup-Yu6Pd0sW2eF5gJ8kA1qZ';

function writeConfig(extraAlias = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(
    file,
    `providers:
  primary: { type: openai, apiKey: \${PRIMARY_KEY}, baseURL: https://primary.example/v1, tags: [eu] }
  backup: { type: openai, apiKey: \${BACKUP_KEY}, baseURL: \${BACKUP_URL:-https://backup.example/v1}, tags: [eu] }
models:
  chat:
    targets:
      - { provider: primary, model: gpt-4o }
      - { provider: backup, model: gpt-4o-mini-2024-07-18 }
    retry: { attempts: 2, minDelayMs: 1, maxDelayMs: 10000 }
    require: { tags: [eu] }${extraAlias}
  embed:
    targets:
      - { provider: primary, model: text-embedding-3-small }
      - { provider: backup, model: text-embedding-3-small }
ledger: { type: none }
`,
  );
  return file;
}

const env = { PRIMARY_KEY, BACKUP_KEY };

describe('createSwitchyard with the OpenAI adapter', () => {
  it('should fail over at once on a 429 whose retry-after is longer than maxDelayMs, and send each provider its own key', async () => {
    const primary = createOpenAIMock({ baseURL: 'https://primary.example/v1', script: { type: 'error', status: 429, retryAfterSeconds: 30 } });
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'Bonjour !', usage: { inputTokens: 12, outputTokens: 3 } } });
    network.use(...primary.handlers, ...backup.handlers);
    const sy = createSwitchyard(writeConfig(), { env });
    const failovers: unknown[] = [];
    sy.on('failover', (e) => failovers.push(e));
    const result = await sy.chat({ model: 'chat', messages: ask('Say hello in French') });
    expect(result.text).toBe('Bonjour !');
    expect(result.provider).toBe('backup');
    expect(result.model).toBe('gpt-4o-mini-2024-07-18');
    expect(result.attempts?.map((a) => [a.provider, a.model, a.outcome, a.errorCode])).toEqual([
      ['primary', 'gpt-4o', 'error', 'rate_limit'],
      ['backup', 'gpt-4o-mini-2024-07-18', 'success', undefined],
    ]);
    expect(result.cost?.nanoUsd).toBeGreaterThan(0);
    expect(primary.requests).toHaveLength(1);
    expect(primary.requests[0]?.headers.authorization).toBe(`Bearer ${PRIMARY_KEY}`);
    expect(primary.requests[0]?.body.model).toBe('gpt-4o');
    expect(backup.requests[0]?.url).toBe('https://backup.example/v1/chat/completions');
    expect(backup.requests[0]?.headers.authorization).toBe(`Bearer ${BACKUP_KEY}`);
    expect(backup.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', messages: [{ role: 'user', content: 'Say hello in French' }] });
    expect(failovers).toEqual([expect.objectContaining({ from: { provider: 'primary', model: 'gpt-4o' }, to: { provider: 'backup', model: 'gpt-4o-mini-2024-07-18' }, errorCode: 'rate_limit' })]);
    expect(JSON.stringify(result.attempts)).not.toContain(PRIMARY_KEY);
    await sy.close();
  });

  it('should retry a 503 on the same provider, then fail a stream over before its first token', async () => {
    const primary = createOpenAIMock({ baseURL: 'https://primary.example/v1', script: { type: 'error', status: 503 } });
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'Streaming from the backup.', chunks: 4 } });
    network.use(...primary.handlers, ...backup.handlers);
    const sy = createSwitchyard(writeConfig(), { env });
    const parts = await collect(sy.stream({ model: 'chat', messages: ask('Stream please') }));
    expect(textOf(parts)).toBe('Streaming from the backup.');
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.type).toBe('finish');
    expect(finish.provider).toBe('backup');
    expect(finish.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['primary', 'error', 'unavailable'], ['primary', 'error', 'unavailable'], ['backup', 'success', undefined]]);
    expect(primary.requests).toHaveLength(2);
    expect(backup.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    await sy.close();
  });

  it('should throw StreamInterruptedError when the connection drops after content, and not fail over', async () => {
    const primary = createOpenAIMock({ baseURL: 'https://primary.example/v1', script: { type: 'cut', text: 'This answer will be cut off part-way through.', chunks: 5 } });
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'unused' } });
    network.use(...primary.handlers, ...backup.handlers);
    const sy = createSwitchyard(writeConfig(), { env });
    const parts: StreamPart[] = [];
    let error: unknown;
    try {
      for await (const part of sy.stream({ model: 'chat', messages: ask('Long answer') })) parts.push(part);
    } catch (e) {
      error = e;
    }
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partsDelivered).toBe(parts.length);
    expect((error as StreamInterruptedError).charactersDelivered).toBe(textOf(parts).length);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
    expect(backup.requests).toHaveLength(0);
    await sy.close();
  });

  it('should embed through an alias and address a provider directly', async () => {
    const primary = createOpenAIMock({ baseURL: 'https://primary.example/v1', script: [{ type: 'embeddings', dimensions: 4 }, { type: 'text', text: 'direct' }] });
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'unused' } });
    network.use(...primary.handlers, ...backup.handlers);
    const sy = createSwitchyard(writeConfig(), { env });
    const embedded = await sy.embed({ model: 'embed', input: ['first text', 'second text'] });
    expect(embedded.embeddings).toHaveLength(2);
    expect(embedded.provider).toBe('primary');
    const direct = await sy.chat({ model: 'primary:gpt-4.1-mini', messages: ask('hi') });
    expect(direct.text).toBe('direct');
    expect(primary.requests[1]?.body.model).toBe('gpt-4.1-mini');
    await sy.close();
  });

  it('should report an adapter refusing its config with the provider path', () => {
    let error: unknown;
    try {
      createSwitchyard({ providers: { cw: { type: 'coreweave' } }, ledger: { type: 'none' } }, { env: {} });
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([{ path: 'providers.cw.apiKey', message: 'CoreWeave Serverless Inference needs an API key (settings.apiKey); for a self-hosted vLLM or NIM server, set baseURL.' }]);
  });
});
