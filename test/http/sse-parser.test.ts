import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../src/http/sse-parser.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function parseIn(pieces: Array<string | Uint8Array>): SseEvent[] {
  const parser = new SseParser();
  const out: SseEvent[] = [];
  for (const p of pieces) out.push(...parser.push(typeof p === 'string' ? bytes(p) : p));
  out.push(...parser.end());
  return out;
}

describe('SseParser', () => {
  const stream = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';

  it('should give the same events however the bytes are split', () => {
    const whole = parseIn([stream]);
    expect(whole.map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}', '[DONE]']);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parseIn([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    }
    expect(parseIn(stream.split(''))).toEqual(whole);
  });

  it('should handle CRLF and CR line ends, also a CRLF split between reads', () => {
    const crlf = 'data: one\r\n\r\ndata: two\r\n\r\n';
    expect(parseIn([crlf]).map((e) => e.data)).toEqual(['one', 'two']);
    expect(parseIn(['data: one\r', '\n\r', '\ndata: two\r\n\r\n']).map((e) => e.data)).toEqual(['one', 'two']);
    expect(parseIn(['data: one\r\rdata: two\r\r']).map((e) => e.data)).toEqual(['one', 'two']);
  });

  it('should skip comments and join multi-line data', () => {
    expect(parseIn([': keep-alive\n\nevent: message\ndata: line 1\ndata: line 2\nid: 7\n\n'])).toEqual([{ event: 'message', data: 'line 1\nline 2', id: '7' }]);
  });

  it('should keep data without a space after the colon and ignore unknown fields', () => {
    expect(parseIn(['data:{"x":1}\nretry: 100\nfoo: bar\n\n'])).toEqual([{ data: '{"x":1}' }]);
  });

  it('should flush a last event without a trailing blank line', () => {
    expect(parseIn(['data: {"a":1}\n\ndata: [DONE]']).map((e) => e.data)).toEqual(['{"a":1}', '[DONE]']);
    expect(parseIn(['data: last\n']).map((e) => e.data)).toEqual(['last']);
  });

  it('should decode a UTF-8 character split across reads', () => {
    const all = bytes('data: {"t":"héllo 👋 世界"}\n\n');
    const emoji = all.indexOf(0xf0);
    const pieces = [all.slice(0, emoji + 1), all.slice(emoji + 1, emoji + 3), all.slice(emoji + 3)];
    expect(parseIn(pieces).map((e) => JSON.parse(e.data).t)).toEqual(['héllo 👋 世界']);
  });

  it('should not dispatch an event with no data', () => {
    expect(parseIn(['event: ping\n\n\n\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });
});
