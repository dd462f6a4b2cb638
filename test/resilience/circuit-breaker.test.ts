import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitPermit, type CircuitTransition } from '../../src/resilience/circuit-breaker.ts';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, makeSwitchyard } from '../router/helpers/make-switchyard.ts';
import { createManualClock } from './helpers/manual-clock.ts';

const permit = (breaker: CircuitBreaker): CircuitPermit => {
  const p = breaker.acquire();
  if (typeof p === 'string') throw new Error(`expected a permit, got: ${p}`);
  return p;
};

describe('CircuitBreaker', () => {
  it('should open after consecutive failures and skip until the cooldown is over', () => {
    const clock = createManualClock();
    const transitions: CircuitTransition[] = [];
    const breaker = new CircuitBreaker({ consecutiveFailures: 3, cooldownMs: 10_000 }, clock, (t) => transitions.push(t));
    breaker.recordFailure(permit(breaker));
    breaker.recordFailure(permit(breaker));
    breaker.recordSuccess(permit(breaker)); // a success resets the count
    breaker.recordFailure(permit(breaker));
    breaker.recordFailure(permit(breaker));
    expect(breaker.state).toBe('closed');
    breaker.recordFailure(permit(breaker));
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual([{ state: 'open', reason: '3 consecutive failures', retryAt: Date.UTC(2026, 10, 23, 9, 0, 10) }]);
    clock.advance(4000);
    expect(breaker.acquire()).toBe('circuit open until 2026-11-23T09:00:10.000Z (3 consecutive failures)');
    expect(breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 3, openedAt: Date.UTC(2026, 10, 23, 9, 0, 0), retryAt: Date.UTC(2026, 10, 23, 9, 0, 10) });
  });

  it('should let exactly one probe through when half-open, and close on its success', () => {
    const clock = createManualClock();
    const transitions: CircuitTransition[] = [];
    const breaker = new CircuitBreaker({ consecutiveFailures: 1, cooldownMs: 1000 }, clock, (t) => transitions.push(t));
    breaker.recordFailure(permit(breaker));
    clock.advance(1000);
    expect(breaker.state).toBe('half-open');
    const probe = permit(breaker);
    expect(probe.probe).toBe(true);
    expect(breaker.acquire()).toBe('circuit half-open: a probe is already in flight');
    breaker.recordSuccess(probe);
    expect(breaker.state).toBe('closed');
    expect(permit(breaker).probe).toBe(false);
    expect(transitions.map((t) => t.state)).toEqual(['open', 'closed']);
  });

  it('should reopen for another cooldown when the probe fails', () => {
    const clock = createManualClock();
    const transitions: CircuitTransition[] = [];
    const breaker = new CircuitBreaker({ consecutiveFailures: 1, cooldownMs: 1000 }, clock, (t) => transitions.push(t));
    breaker.recordFailure(permit(breaker));
    clock.advance(1500);
    breaker.recordFailure(permit(breaker));
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual([
      { state: 'open', reason: '1 consecutive failure', retryAt: Date.UTC(2026, 10, 23, 9, 0, 1) },
      { state: 'open', reason: 'probe failed', retryAt: Date.UTC(2026, 10, 23, 9, 0, 2, 500) },
    ]);
    clock.advance(999);
    expect(breaker.state).toBe('open');
    clock.advance(1);
    expect(breaker.state).toBe('half-open');
  });

  it('should open at once for quotaCooldownMs when credits are used up, also from half-open, and never shorten an open circuit', () => {
    const clock = createManualClock();
    const transitions: CircuitTransition[] = [];
    const breaker = new CircuitBreaker({ consecutiveFailures: 5, cooldownMs: 1000, quotaCooldownMs: 60_000 }, clock, (t) => transitions.push(t));
    breaker.recordQuotaExhausted(permit(breaker));
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual([{ state: 'open', reason: 'credits or quota exhausted', retryAt: Date.UTC(2026, 10, 23, 9, 1) }]);
    clock.advance(59_999);
    expect(breaker.state).toBe('open');
    clock.advance(1);
    const probe = permit(breaker);
    expect(probe.probe).toBe(true);
    breaker.recordQuotaExhausted(probe);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAt: Date.UTC(2026, 10, 23, 9, 2) });
    // An ordinary failure cannot shorten it, nor a second quota answer from an attempt still in flight.
    const open = breaker.snapshot().retryAt;
    breaker.recordQuotaExhausted({ probe: false });
    breaker.recordFailure({ probe: false });
    expect(breaker.snapshot().retryAt).toBe(open);
    expect(transitions).toHaveLength(2);
  });

  it('should default quotaCooldownMs to 10 minutes', () => {
    const clock = createManualClock();
    const breaker = new CircuitBreaker({ consecutiveFailures: 5, cooldownMs: 1000 }, clock);
    breaker.recordQuotaExhausted(permit(breaker));
    expect(breaker.snapshot().retryAt).toBe(clock.now() + 600_000);
  });

  it('should release the probe when its attempt says nothing about the target', () => {
    const clock = createManualClock();
    const breaker = new CircuitBreaker({ consecutiveFailures: 1, cooldownMs: 1000 }, clock);
    breaker.recordFailure(permit(breaker));
    clock.advance(1000);
    breaker.recordNeutral(permit(breaker));
    expect(permit(breaker).probe).toBe(true);
  });

  it('should open on a failure rate over the window once it has enough requests', () => {
    const clock = createManualClock();
    const transitions: CircuitTransition[] = [];
    const breaker = new CircuitBreaker({ consecutiveFailures: 100, cooldownMs: 1000, failureRate: { threshold: 0.5, windowMs: 60_000, minRequests: 6 } }, clock, (t) => transitions.push(t));
    // Alternate: never 2 failures in a row, but half of them fail.
    for (let i = 0; i < 5; i++) {
      const p = permit(breaker);
      if (i % 2 === 0) breaker.recordFailure(p);
      else breaker.recordSuccess(p);
      clock.advance(1000);
    }
    expect(breaker.state).toBe('closed'); // 3 of 5: below minRequests
    breaker.recordSuccess(permit(breaker));
    expect(breaker.state).toBe('closed'); // success never opens
    breaker.recordFailure(permit(breaker));
    expect(breaker.state).toBe('open');
    expect(transitions[0]?.reason).toBe('4 of 7 attempts failed within 60000 ms');
  });

  it('should forget outcomes older than the window', () => {
    const clock = createManualClock();
    const breaker = new CircuitBreaker({ consecutiveFailures: 100, cooldownMs: 1000, failureRate: { threshold: 0.5, windowMs: 10_000, minRequests: 4 } }, clock);
    breaker.recordFailure(permit(breaker));
    breaker.recordSuccess(permit(breaker));
    breaker.recordFailure(permit(breaker));
    clock.advance(10_001);
    breaker.recordSuccess(permit(breaker));
    breaker.recordSuccess(permit(breaker));
    breaker.recordSuccess(permit(breaker));
    breaker.recordFailure(permit(breaker));
    expect(breaker.state).toBe('closed'); // 1 of 4 in the window
  });
});

describe('circuit breakers in the router', () => {
  const setup = (aSteps: FakeStep[], breaker: Record<string, unknown>, where: 'top' | 'alias') => {
    const clock = createManualClock();
    const fakes = { a: createFakeProvider('a', aSteps), b: createFakeProvider('b', [{ type: 'text', text: 'from b' }]) };
    const alias = { retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }], ...(where === 'alias' ? { circuitBreaker: breaker } : {}) };
    const ts = makeSwitchyard(fakes, { models: { chat: alias }, ...(where === 'top' ? { circuitBreaker: breaker } : {}) }, { clock });
    return { ...ts, fakes, clock };
  };

  it('should open, skip the open target, probe after the cooldown and close, with events and health()', async () => {
    const { sy, fakes, clock, eventsNamed } = setup([{ type: 'error', error: errors.unavailable('a') }], { consecutiveFailures: 2, cooldownMs: 30_000 }, 'top');
    const call = () => sy.chat({ model: 'chat', messages: ask('hi') });
    await call();
    await call();
    expect(eventsNamed('circuit-open')).toEqual([{ alias: 'chat', provider: 'a', model: 'gpt-4o', state: 'open', reason: '2 consecutive failures', retryAt: clock.now() + 30_000 }]);
    expect(sy.health().targets[0]).toMatchObject({ alias: 'chat', provider: 'a', model: 'gpt-4o', state: 'open', consecutiveFailures: 2, failureRate: 1 });
    expect(sy.health().targets[1]).toMatchObject({ alias: 'chat', provider: 'b', state: 'closed', consecutiveFailures: 0, failureRate: 0 });

    const skipped = await call();
    expect(fakes.a.calls).toHaveLength(2);
    expect(skipped.attempts?.[0]).toEqual({ provider: 'a', model: 'gpt-4o', outcome: 'skipped', reason: 'circuit open until 2026-11-23T09:00:30.000Z (2 consecutive failures)', latencyMs: 0 });
    expect(skipped.provider).toBe('b');

    clock.advance(30_000);
    expect(sy.health().targets[0]?.state).toBe('half-open');
    fakes.a.setScript([{ type: 'text', text: 'a is back' }]);
    const probed = await call();
    expect(probed.provider).toBe('a');
    expect(eventsNamed('circuit-close')).toEqual([{ alias: 'chat', provider: 'a', model: 'gpt-4o', state: 'closed', reason: 'probe succeeded' }]);
    expect(sy.health().targets[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('should take the alias settings over the top-level ones', async () => {
    const { sy, eventsNamed } = setup([{ type: 'error', error: errors.unavailable('a') }], { consecutiveFailures: 1 }, 'alias');
    await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(eventsNamed('circuit-open')).toHaveLength(1);
  });

  it('should not count request errors or aborts against a target', async () => {
    const { sy } = setup([{ type: 'error', error: errors.invalid('a') }], { consecutiveFailures: 1 }, 'top');
    await expect(sy.chat({ model: 'chat', messages: ask('hi') })).rejects.toThrow(/HTTP 400/);
    expect(sy.health().targets[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('should stop retrying a target whose circuit opens mid-retry, and fail over on its last error', async () => {
    const clock = createManualClock();
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a') }]), b: createFakeProvider('b', [{ type: 'text', text: 'from b' }]) };
    const { sy, eventsNamed } = makeSwitchyard(
      fakes,
      { models: { chat: { retry: { attempts: 3, minDelayMs: 0 }, circuitBreaker: { consecutiveFailures: 2 }, targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } },
      { clock },
    );
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.attempts?.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['a:error', 'a:error', 'a:skipped', 'b:success']);
    expect(eventsNamed('failover')[0]).toMatchObject({ from: { provider: 'a' }, errorCode: 'unavailable' });
    expect(fakes.a.calls).toHaveLength(2);
  });
});
