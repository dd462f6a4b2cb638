import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = (file: string) => fileURLToPath(new URL(`../../src/http/${file}`, import.meta.url));

/**
 * Runs `body` in a Node process of its own with `gc()` exposed and returns the heap it leaves alive (MB) after making
 * 40 network reads of ~1 MB each and keeping only what `body` returns from each. A substring kept as a slice keeps its
 * whole read alive (~40 MB in all); a copy keeps only itself.
 */
function retainedMb(body: string): number {
  const code = `
    import { copyString } from ${JSON.stringify(src('copy-string.ts'))};
    import { TextDeltaTemplate } from ${JSON.stringify(src('text-delta-template.ts'))};
    import { SseParser } from ${JSON.stringify(src('sse-parser.ts'))};
    const pad = (i) => 'x'.repeat(1 << 20) + i;
    const event = (text, i) => '{"id":"chatcmpl-1","pad":"' + pad(i) + '","choices":[{"delta":{"content":' + JSON.stringify(text) + '}}]}';
    const keep = (i) => { ${body} };
    globalThis.gc(); globalThis.gc();
    const base = process.memoryUsage().heapUsed;
    const kept = [];
    for (let i = 0; i < 40; i++) kept.push(keep(i));
    globalThis.gc(); globalThis.gc();
    console.log(JSON.stringify({ mb: (process.memoryUsage().heapUsed - base) / 1e6, kept: kept.length }));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { encoding: 'utf8' });
  return (JSON.parse(out) as { mb: number }).mb;
}

describe('what a stream keeps of its network reads', () => {
  it('should keep about a whole read per slice, so that the measure can fail', () => {
    expect(retainedMb(`const read = 'data: ' + event(' classification', i); return read.slice(60, 90);`)).toBeGreaterThan(30);
  });

  it('should keep no read alive through a copy (copyString)', () => {
    expect(retainedMb(`const read = 'data: ' + event(' classification', i); return copyString(read.slice(60, 90));`)).toBeLessThan(5);
  });

  it('should give a long text that keeps no read alive (TextDeltaTemplate.match)', () => {
    const mb = retainedMb(`
      const template = new TextDeltaTemplate();
      const first = event('Hello', 0).replace(pad(0), 'p');
      template.learn(first, 'Hello', (p) => p.choices[0].delta.content);
      const data = event(' classification track', i).replace(pad(i), 'p');
      const read = data + '\\n\\n' + pad(i);
      const text = template.match(read.slice(0, data.length));
      if (text !== ' classification track') throw new Error('no match: ' + text);
      return text;
    `);
    expect(mb).toBeLessThan(5);
  });

  it('should keep no read alive through a learned template', () => {
    const mb = retainedMb(`
      const template = new TextDeltaTemplate();
      const data = event('Hello', i).replace(pad(i), 'p');
      const read = data + '\\n\\n' + pad(i);
      template.learn(read.slice(0, data.length), 'Hello', (p) => p.choices[0].delta.content);
      if (template.match(data.replace('Hello', 'World')) !== 'World') throw new Error('not learned');
      return template;
    `);
    expect(mb).toBeLessThan(5);
  });

  it('should keep no read alive through the unfinished line it waits on (SseParser)', () => {
    const mb = retainedMb(`
      const parser = new SseParser();
      const events = parser.push('data: ' + pad(i) + '\\n\\ndata: {"choices":[{"delta":{"content":"Hel');
      if (events.length !== 1 || events[0].data.length < 1 << 20) throw new Error('events: ' + events.length);
      if (i === 0) {
        const probe = new SseParser();
        probe.push('data: ' + pad(i) + '\\n\\ndata: {"choices":[{"delta":{"content":"Hel');
        const rest = probe.push('lo"}}]}\\n\\n');
        if (rest[0].data !== '{"choices":[{"delta":{"content":"Hello"}}]}') throw new Error('rest: ' + rest[0].data);
      }
      return parser;
    `);
    expect(mb).toBeLessThan(5);
  });
});
