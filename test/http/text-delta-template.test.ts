import { describe, expect, it } from 'vitest';
import { TextDeltaTemplate } from '../../src/http/text-delta-template.ts';

const read = (chunk: unknown): unknown => (chunk as { choices?: Array<{ delta?: { content?: unknown } }> } | null)?.choices?.[0]?.delta?.content;

/** A chunk as OpenAI writes it, with `literal` (the content's JSON string literal, as the provider wrote it) in place. */
const chunk = (literal: string, extra = '') =>
  `{"id":"chatcmpl-AbC123","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_50cad350e4","choices":[{"index":0,"delta":{"content":${literal}},"logprobs":null,"finish_reason":null}]${extra}}`;

function learned(data = chunk('"Hello"'), text = 'Hello'): TextDeltaTemplate {
  const template = new TextDeltaTemplate();
  template.learn(data, text, read);
  return template;
}

describe('TextDeltaTemplate: text chunks read without JSON.parse, exactly as JSON.parse reads them', () => {
  it('should read the text of a chunk that differs from the learned one only in its text', () => {
    const template = learned();
    expect(template.match(chunk('" world"'))).toBe(' world');
    expect(template.match(chunk('"é 🌦️ 中文"'))).toBe('é 🌦️ 中文');
  });

  it('should decode escapes as JSON.parse does', () => {
    const template = learned();
    for (const literal of ['"line\\nnext"', '"say \\"hi\\""', '"back\\\\slash"', '"\\u00e9t\\u00e9"', '"\\ud83c\\udf26\\ufe0f"', '"tab\\tend\\/"']) {
      expect(template.match(chunk(literal))).toBe(JSON.parse(literal));
    }
  });

  it('should refuse what is not exactly one JSON string literal between the learned bytes', () => {
    const template = learned();
    // A quote inside would put structure where the text was: another field, a second choice's worth of JSON.
    expect(template.match(chunk('"a","role":"b"'))).toBeUndefined();
    expect(template.match(chunk('"a"},"x":{"content":"b"'))).toBeUndefined();
    // A backslash that escapes the closing quote leaves the literal open.
    expect(template.match(chunk('"abc\\"'))).toBeUndefined();
    // Raw control characters are not JSON.
    expect(template.match(chunk('"a\nb"'))).toBeUndefined();
    // Not a string at all.
    expect(template.match(chunk('null'))).toBeUndefined();
    expect(template.match(chunk('12'))).toBeUndefined();
    // An escape JSON does not have.
    expect(template.match(chunk('"\\x41"'))).toBeUndefined();
  });

  it('should refuse a chunk whose other bytes differ', () => {
    const template = learned();
    expect(template.match(chunk('"x"').replace('"created":1733000000', '"created":1733000001'))).toBeUndefined();
    expect(template.match(chunk('"x"', ',"usage":{"prompt_tokens":1}'))).toBeUndefined();
    expect(template.match(chunk('"x"').replace('"finish_reason":null', '"finish_reason":"stop"'))).toBeUndefined();
    expect(template.match('')).toBeUndefined();
  });

  it('should learn nothing when the text is not in the chunk exactly once as written', () => {
    // Written with escapes the canonical form does not use: not found, nothing learned.
    expect(learned(chunk('"\\u0048ello"'), 'Hello').match(chunk('"x"'))).toBeUndefined();
    // The text is also another field's value: its place is ambiguous.
    expect(learned(chunk('"chat.completion.chunk"'), 'chat.completion.chunk').match(chunk('"x"'))).toBeUndefined();
  });

  it("should learn nothing when the literal found is another field's and not the text", () => {
    // The content is written escaped, and another field holds the same text plainly: the probe shows the place is wrong.
    const data = `{"id":"c","note":"hi","choices":[{"index":0,"delta":{"content":"h\\u0069"}}]}`;
    const template = new TextDeltaTemplate();
    template.learn(data, 'hi', read);
    expect(template.match(`{"id":"c","note":"yo","choices":[{"index":0,"delta":{"content":"h\\u0069"}}]}`)).toBeUndefined();
  });

  it('should stop learning when every chunk differs elsewhere (obfuscation padding)', () => {
    const template = new TextDeltaTemplate();
    const padded = (text: string, pad: string) => chunk(JSON.stringify(text), `,"obfuscation":"${pad}"`);
    let matched = 0;
    let learns = 0;
    const probe = TextDeltaTemplate.prototype.learn;
    for (let i = 0; i < 20; i++) {
      const data = padded(`w${i}`, `p${i}x`);
      if (template.match(data) !== undefined) matched++;
      else {
        learns++;
        probe.call(template, data, `w${i}`, read);
      }
    }
    expect(matched).toBe(0);
    expect(learns).toBe(20);
    // After two templates that never matched, learning stops: a learned template would now be one of the last chunks'.
    expect(template.match(padded('z', 'p19x'))).toBeUndefined();
  });

  it('should learn again when the other bytes change after matching (a created that ticks)', () => {
    const template = learned();
    expect(template.match(chunk('"a"'))).toBe('a');
    const later = (literal: string) => chunk(literal).replace('1733000000', '1733000001');
    expect(template.match(later('"b"'))).toBeUndefined();
    template.learn(later('"b"'), 'b', read);
    expect(template.match(later('"c"'))).toBe('c');
    expect(template.match(chunk('"d"'))).toBeUndefined();
  });
});
