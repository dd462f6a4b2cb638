import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConfigError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { createFakeProvider } from './helpers/fake-provider.ts';
import { errors } from './helpers/errors.ts';
import { ask, makeSwitchyard } from './helpers/make-switchyard.ts';

describe('createSwitchyard', () => {
  it('should stop delivering events to a handler after its unsubscribe, and survive a throwing handler', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'm' }] } } });
    const seen: number[] = [];
    sy.on('attempt-start', () => {
      throw new Error('a broken dashboard');
    });
    const off = sy.on('attempt-end', (e) => seen.push(e.attempt));
    await sy.chat({ model: 'chat', messages: ask('one') });
    off();
    await sy.chat({ model: 'chat', messages: ask('two') });
    expect(seen).toEqual([1]);
  });

  it('should fail embeddings over like chats', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.rateLimit('a') }]), b: createFakeProvider('b', [{ type: 'text', text: '' }]) };
    const { sy } = makeSwitchyard(fakes, { models: { embed: { targets: [{ provider: 'a', model: 'text-embedding-3-small' }, { provider: 'b', model: 'text-embedding-004' }] } } });
    const result = await sy.embed({ model: 'embed', input: ['hello', 'world'] });
    expect(result.provider).toBe('b');
    expect(result.embeddings).toHaveLength(2);
    expect(result.attempts?.map((a) => [a.provider, a.outcome])).toEqual([['a', 'error'], ['b', 'success']]);
    expect(fakes.b.calls[0]).toMatchObject({ operation: 'embed', model: 'text-embedding-004' });
  });

  it('should pass the provider settings to the adapter without the common keys, and report its failure without secrets', () => {
    const received: Array<Record<string, unknown>> = [];
    const broken: ProviderDefinition = {
      type: 'broken',
      configSchema: z.strictObject({ apiKey: z.string(), region: z.string() }),
      create(config) {
        received.push(config);
        throw new Error(`region ${String(config.region)} refused key ${String(config.apiKey)}`);
      },
    };
    let error: unknown;
    try {
      createSwitchyard({ providers: { p: { type: 'broken', apiKey: '${KEY}', region: 'eu-west', tags: ['eu'] } }, ledger: { type: 'none' } }, { env: { KEY: 'sk-very-secret-123' }, providers: [broken] });
    } catch (e) {
      error = e;
    }
    expect(received).toEqual([{ apiKey: 'sk-very-secret-123', region: 'eu-west' }]);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([{ path: 'providers.p', message: 'the broken provider could not be created: region eu-west refused key [REDACTED]' }]);
  });

  it('should expose the validated config', () => {
    const fakes = { a: createFakeProvider('a', []) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'm' }] } } });
    expect(sy.config.models.chat?.targets).toEqual([{ provider: 'a', model: 'm' }]);
    expect(sy.config.source).toBe('config object');
  });
});
