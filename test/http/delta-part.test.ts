import { describe, expect, it } from 'vitest';
import { deltaPart } from '../../src/http/delta-part.ts';

describe('deltaPart', () => {
  it('should make a plain object that nobody can tell from the literal', () => {
    const part = deltaPart('text-delta', 'Hello');
    expect(Object.getPrototypeOf(part)).toBe(Object.prototype);
    expect(part.constructor).toBe(Object);
    expect(Object.keys(part)).toEqual(['type', 'text']);
    expect(part).toStrictEqual({ type: 'text-delta', text: 'Hello' });
    expect(JSON.stringify(part)).toBe('{"type":"text-delta","text":"Hello"}');
    expect({ ...part }).toStrictEqual({ type: 'text-delta', text: 'Hello' });
    expect(structuredClone(part)).toStrictEqual(part);
  });

  it('should make reasoning parts with the same shape', () => {
    const part = deltaPart('reasoning-delta', 'Let me think.');
    expect(part).toStrictEqual({ type: 'reasoning-delta', text: 'Let me think.' });
    expect(Object.getPrototypeOf(part)).toBe(Object.prototype);
  });

  it('should make a new object each time that its reader may change', () => {
    const a = deltaPart('text-delta', 'a');
    const b = deltaPart('text-delta', 'a');
    expect(a).not.toBe(b);
    (a as { text: string }).text = 'changed';
    expect(b.text).toBe('a');
  });
});
