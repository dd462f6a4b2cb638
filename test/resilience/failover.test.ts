import { describe, expect, it } from 'vitest';
import { AllAttemptsFailedError, AuthenticationError, InvalidRequestError } from '../../src/errors/index.ts';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, makeSwitchyard } from '../router/helpers/make-switchyard.ts';

const ok = (text: string): FakeStep => ({ type: 'text', text });
const fail = (error: Error): FakeStep => ({ type: 'error', error });
const chain = (extra: Record<string, unknown> = {}) => ({
  models: {
    chat: {
      retry: { attempts: 1 },
      targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o-2024-08-06' }, { provider: 'c', model: 'gemini-2.0-flash-001' }],
      ...extra,
    },
  },
});

describe('failover', () => {
  it.each([
    ['rate-limit', errors.rateLimit('a'), 'rate_limit'],
    ['unavailable', errors.unavailable('a'), 'unavailable'],
    ['connection', errors.connection('a'), 'connection'],
  ])('should fail over on %s by default and say why', async (_name, error, code) => {
    const fakes = { a: createFakeProvider('a', [fail(error)]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('from c')]) };
    const { sy, eventsNamed } = makeSwitchyard(fakes, chain());
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.text).toBe('from b');
    expect(result.provider).toBe('b');
    expect(result.attempts).toEqual([
      { provider: 'a', model: 'gpt-4o', outcome: 'error', errorCode: code, reason: error.message, latencyMs: expect.any(Number) },
      { provider: 'b', model: 'gpt-4o-2024-08-06', outcome: 'success', latencyMs: expect.any(Number) },
    ]);
    expect(eventsNamed('failover')).toEqual([
      { alias: 'chat', operation: 'chat', from: { provider: 'a', model: 'gpt-4o' }, to: { provider: 'b', model: 'gpt-4o-2024-08-06' }, errorCode: code, reason: error.message },
    ]);
    expect(fakes.c.calls).toHaveLength(0);
  });

  it.each([
    ['invalid request', errors.invalid('a'), InvalidRequestError],
    ['authentication', errors.auth('a'), AuthenticationError],
  ])('should not cascade a %s error: it is thrown as is and no other target is tried', async (_name, error, type) => {
    const fakes = { a: createFakeProvider('a', [fail(error)]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('from c')]) };
    const { sy, eventsNamed } = makeSwitchyard(fakes, chain());
    const thrown = await sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e);
    expect(thrown).toBe(error);
    expect(type.isInstance(thrown)).toBe(true);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('failover')).toEqual([]);
  });

  it('should not cascade a content filter error by default', async () => {
    const error = errors.contentFilter('a');
    const fakes = { a: createFakeProvider('a', [fail(error)]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('c')]) };
    const { sy } = makeSwitchyard(fakes, chain());
    await expect(sy.chat({ model: 'chat', messages: ask('hi') })).rejects.toBe(error);
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should cascade exactly the classes fallbackOn names', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.invalid('a'))]), b: createFakeProvider('b', [fail(errors.rateLimit('b'))]), c: createFakeProvider('c', [ok('from c')]) };
    const { sy } = makeSwitchyard(fakes, chain({ fallbackOn: ['invalid-request'] }));
    // invalid-request moves on from a; rate-limit is not listed, so b's 429 ends the call.
    const thrown = await sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e);
    expect((thrown as { code: string }).code).toBe('rate_limit');
    expect(fakes.c.calls).toHaveLength(0);
  });

  it('should fail over on an attempt timeout (class timeout)', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'hang' }]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('c')]) };
    const { sy } = makeSwitchyard(fakes, chain({ timeouts: { attemptMs: 20 } }));
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'error', errorCode: 'timeout', reason: 'a/gpt-4o did not answer within 20 ms (timeouts.attemptMs).' });
    expect(fakes.a.calls[0]?.aborted).toBe(true);
  });

  it('should move a context-length error on only to targets with a larger window', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.contextLength('a'))]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('from c')]) };
    const { sy } = makeSwitchyard(fakes, {
      models: {
        chat: {
          retry: { attempts: 1 },
          targets: [
            { provider: 'a', model: 'gpt-4o', capabilities: { contextWindow: 128000 } },
            { provider: 'b', model: 'gpt-4o-mini', capabilities: { contextWindow: 128000 } },
            { provider: 'c', model: 'gemini-2.0-flash-001', capabilities: { contextWindow: 1048576 } },
          ],
        },
      },
    });
    const result = await sy.chat({ model: 'chat', messages: ask('a long prompt') });
    expect(result.provider).toBe('c');
    expect(result.attempts?.map((a) => [a.provider, a.outcome, a.errorCode ?? a.reason])).toEqual([
      ['a', 'error', 'context_length'],
      ['b', 'skipped', 'context window of 128000 tokens is not larger than the 128000 tokens of a target that refused the prompt as too long'],
      ['c', 'success', undefined],
    ]);
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should move on from a feature the target refused before sending', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.unsupported('a'))]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('c')]) };
    const { sy } = makeSwitchyard(fakes, chain());
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('b');
  });

  it('should throw AllAttemptsFailedError with every attempt and error when all targets fail', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.rateLimit('a'))]), b: createFakeProvider('b', [fail(errors.unavailable('b'))]), c: createFakeProvider('c', [fail(errors.connection('c'))]) };
    const { sy, eventsNamed, meter } = makeSwitchyard(fakes, chain());
    const thrown = (await sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e)) as AllAttemptsFailedError;
    expect(AllAttemptsFailedError.isInstance(thrown)).toBe(true);
    expect(thrown.attempts.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['a', 'error', 'rate_limit'], ['b', 'error', 'unavailable'], ['c', 'error', 'connection']]);
    expect(thrown.errors).toHaveLength(3);
    expect(thrown.cause).toBe(thrown.errors[2]);
    expect(thrown.message).toBe(
      'No target of chat could serve the chat call:\n' +
        `  - a/gpt-4o: error rate_limit (${errors.rateLimit('a').message})\n` +
        `  - b/gpt-4o-2024-08-06: error unavailable (${errors.unavailable('b').message})\n` +
        `  - c/gemini-2.0-flash-001: error connection (${errors.connection('c').message})`,
    );
    expect(eventsNamed('failover').map((e) => `${e.from.provider}->${e.to.provider}`)).toEqual(['a->b', 'b->c']);
    // Every attempt that reached a provider is an event and a ledger record.
    expect(eventsNamed('attempt-end').map((e) => [e.provider, e.outcome, e.attempt])).toEqual([['a', 'error', 1], ['b', 'error', 2], ['c', 'error', 3]]);
    expect(meter.records.map((r) => r.errorCode)).toEqual(['rate_limit', 'unavailable', 'connection']);
  });

  it('should emit attempt-start and attempt-end with the call details', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.unavailable('a'))]), b: createFakeProvider('b', [{ type: 'text', text: 'ok', usage: { inputTokens: 7, outputTokens: 3 } }]), c: createFakeProvider('c', [ok('c')]) };
    const { sy, eventsNamed } = makeSwitchyard(fakes, chain());
    await sy.chat({ model: 'chat', messages: ask('hi'), tags: { tenant: 'acme' } });
    expect(eventsNamed('attempt-start')).toEqual([
      { alias: 'chat', provider: 'a', providerType: 'fake', model: 'gpt-4o', operation: 'chat', attempt: 1, hedge: false, startedAt: expect.any(Number) },
      { alias: 'chat', provider: 'b', providerType: 'fake', model: 'gpt-4o-2024-08-06', operation: 'chat', attempt: 2, hedge: false, startedAt: expect.any(Number) },
    ]);
    const [first, second] = eventsNamed('attempt-end');
    expect(first).toMatchObject({ provider: 'a', outcome: 'error', errorCode: 'unavailable', errorMessage: errors.unavailable('a').message, tags: { tenant: 'acme' } });
    expect(first?.usage).toBeUndefined();
    expect(second).toMatchObject({ provider: 'b', outcome: 'success', servedModel: 'gpt-4o-2024-08-06-served', requestId: 'req-b-1', usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 }, tags: { tenant: 'acme' } });
  });
});
