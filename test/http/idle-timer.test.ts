import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/errors/index.ts';
import { IdleTimer } from '../../src/http/idle-timer.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';

function setup(ms = 1000) {
  const clock = createManualClock();
  const fired: TimeoutError[] = [];
  let timers = 0;
  const counting = { ...clock, setTimeout: (fn: () => void, delay: number) => (timers++, clock.setTimeout(fn, delay)) };
  const idle = new IdleTimer({ ms, onIdle: (e) => fired.push(e), label: 'llama/tiny-random', setting: 'timeouts.idleMs', provider: 'llama', clock: counting });
  return { clock, idle, fired, timers: () => timers };
}

describe('IdleTimer', () => {
  it('should fire once a read has waited the limit after the first part, with a typed idle timeout', () => {
    const { clock, idle, fired } = setup();
    idle.received();
    idle.reading();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeInstanceOf(TimeoutError);
    expect(fired[0]).toMatchObject({ kind: 'idle', timeoutMs: 1000, provider: 'llama', retryable: true, message: 'llama/tiny-random sent nothing for 1000 ms after its last part (timeouts.idleMs): the stream went idle.' });
    clock.advance(5000);
    expect(fired).toHaveLength(1);
  });

  it('should not watch before the first part (the first-token timeout does)', () => {
    const { clock, idle, fired, timers } = setup();
    idle.reading();
    clock.advance(10_000);
    expect(fired).toEqual([]);
    expect(timers()).toBe(0);
  });

  it('should count only the time a read waits on the provider, never a caller that reads slowly', () => {
    const { clock, idle, fired } = setup();
    idle.received();
    idle.reading();
    clock.advance(600);
    idle.received();
    // The caller takes 5 s before it reads again: nothing is waiting on the provider meanwhile.
    clock.advance(5000);
    expect(fired).toEqual([]);
    idle.reading();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toHaveLength(1);
  });

  it('should keep one timer for many reads, re-arming only when it fires early', () => {
    const { clock, idle, fired, timers } = setup();
    idle.received();
    for (let i = 0; i < 100; i++) {
      idle.reading();
      clock.advance(30);
      idle.received();
    }
    // 100 reads in 3 s: the timer fired three times and re-armed for what was left each time.
    expect(timers()).toBeLessThanOrEqual(4);
    expect(fired).toEqual([]);
  });

  it('should not fire after stop', () => {
    const { clock, idle, fired } = setup();
    idle.received();
    idle.reading();
    idle.stop();
    clock.advance(10_000);
    idle.reading();
    clock.advance(10_000);
    expect(fired).toEqual([]);
  });
});
