import { describe, expect, it } from 'vitest';
import { NODE_FLOOR, unsupportedNodeMessage } from '../../src/runtime/node-floor.ts';

describe('unsupportedNodeMessage', () => {
  it('should name the floor (undici 8 needs 22.19) and this version, in one sentence', () => {
    expect(NODE_FLOOR).toBe('22.19.0');
    expect(unsupportedNodeMessage('22.13.0')).toBe('Switchyard needs Node.js 22.19 or newer; this is 22.13.0.');
    expect(unsupportedNodeMessage('22.18.9')).toBe('Switchyard needs Node.js 22.19 or newer; this is 22.18.9.');
    expect(unsupportedNodeMessage('20.20.2')).toBe('Switchyard needs Node.js 22.19 or newer; this is 20.20.2.');
  });

  it('should accept 22.19 and every later release', () => {
    for (const version of ['22.19.0', '22.23.3', '23.0.0', '24.21.0', '26.10.0']) expect(unsupportedNodeMessage(version)).toBeUndefined();
    expect(unsupportedNodeMessage()).toBeUndefined();
  });
});
