import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../src/state/sliding-window.ts';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0, 400);

describe('SlidingWindow', () => {
  it('should count an entry for 60 to 61 seconds, so that no 60 seconds ever hold more than the limit', () => {
    const w = new SlidingWindow();
    w.add(T0, 1);
    w.add(T0 + 30_000, 2);
    expect(w.used(T0 + 59_999)).toBe(3);
    // The first entry's second (09:00:00) leaves the window at 09:01:01.
    expect(w.used(T0 + 60_599)).toBe(3);
    expect(w.used(T0 + 60_600)).toBe(2);
    expect(w.used(T0 + 91_000)).toBe(0);
  });

  it('should say how long until an amount fits, and that a larger-than-limit amount never does', () => {
    const w = new SlidingWindow();
    w.add(T0, 4);
    w.add(T0 + 10_000, 4);
    expect(w.waitFor(T0 + 20_000, 2, 10)).toBe(0);
    expect(w.waitFor(T0 + 20_000, 3, 10)).toBe(61_000 - 20_400);
    expect(w.waitFor(T0 + 20_000, 8, 10)).toBe(71_000 - 20_400);
    expect(w.waitFor(T0 + 20_000, 11, 10)).toBeUndefined();
  });

  it('should settle an estimate in its own second while that second still counts', () => {
    const w = new SlidingWindow();
    w.add(T0, 500);
    w.adjust(SlidingWindow.bucketOf(T0), -480, T0 + 2_000);
    expect(w.used(T0 + 2_000)).toBe(20);
    w.adjust(SlidingWindow.bucketOf(T0), 1_000, T0 + 70_000);
    expect(w.used(T0 + 70_000)).toBe(0);
  });
});
