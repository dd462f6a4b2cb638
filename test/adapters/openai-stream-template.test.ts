import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { collectParts } from '../helpers/stream-parts.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/** What each event says, read the plain way: every `data:` event parsed whole. */
function reference(body: string): { text: string[]; reasoning: string[] } {
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
    if (data === '' || data === '[DONE]') continue;
    const delta = (JSON.parse(data) as { choices?: Array<{ delta?: { content?: string | null; reasoning_content?: string | null } }> }).choices?.[0]?.delta;
    if (delta?.reasoning_content) reasoning.push(delta.reasoning_content);
    if (delta?.content) text.push(delta.content);
  }
  return { text, reasoning };
}

function serve(body: string) {
  network.use(
    http.post('https://api.openai.com/v1/chat/completions', () =>
      new HttpResponse(unevenByteStream(new TextEncoder().encode(body), [7, 130, 61, 333, 5, 900]), { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_tpl' } }),
    ),
  );
}

async function streamOf(body: string): Promise<StreamPart[]> {
  serve(body);
  return collectParts(createOpenAI({ apiKey: 'sk-test' }).stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }));
}

const sse = (chunks: string[]) => `${chunks.map((c) => `data: ${c}\n\n`).join('')}data: [DONE]\n\n`;
const head = (extra = '') => `{"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o-2024-08-06"${extra},"system_fingerprint":"fp_1","choices":[{"index":0,"delta":`;
const tail = (finish = 'null', after = '') => `,"logprobs":null,"finish_reason":${finish}}]${after}}`;
const text = (literal: string, extra = '', after = '') => `${head(extra)}{"content":${literal}}${tail('null', after)}`;
const finish = (extra = '') => `${head(extra)}{}${tail('"stop"')}`;
const usage = `{"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}`;

/** Streams the template must read exactly as a whole parse would, with what each is about. */
const STREAMS: Array<[string, string]> = [
  ['the recorded OpenAI stream (text, interleaved tool calls, usage)', fixture('openai/stream-tool-calls.sse')],
  ['the recorded Azure stream (filter results on every chunk)', fixture('azure-openai/stream-tool-calls.sse')],
  ['llama.cpp, plain', fixture('llama-server/stream-stop.sse.resp.body')],
  ['llama.cpp, reasoning then text', fixture('llama-server/reasoning-stream.sse.resp.body')],
  ['llama.cpp, tool calls', fixture('llama-server/tools-named.sse.resp.body')],
  ['llama.cpp, JSON mode', fixture('llama-server/json-object.sse.resp.body')],
  [
    'escapes, non-ASCII and texts that equal other fields',
    sse([text('"Hello"'), text('" \\"quoted\\"\\n"'), text('"\\u00e9t\\u00e9 🌦️"'), text('"chat.completion.chunk"'), text('"gpt-4o-2024-08-06"'), text('"null"'), text('"\\\\"'), text('"end"'), finish(), usage]),
  ],
  ['a created that ticks mid-stream', sse([text('"a"'), text('"b"'), text('"c"').replace('1733000000', '1733000001'), text('"d"').replace('1733000000', '1733000001'), finish(), usage])],
  ['OpenAI obfuscation padding (every chunk differs)', sse([...Array.from({ length: 12 }, (_, i) => text(JSON.stringify(`w${i} `), '', `,"obfuscation":"${'x'.repeat(i % 5)}${i}"`)), finish(), usage])],
  [
    'a tier that changes, a tool call between texts, a second choice',
    sse([
      text('"a"', ',"service_tier":"default"'),
      text('"b"', ',"service_tier":"default"'),
      `${head()}{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}${tail()}`,
      text('"c"', ',"service_tier":"default"'),
      text('"d"', ',"service_tier":"priority"'),
      `{"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"e"},"finish_reason":null},{"index":1,"delta":{"content":"X"},"finish_reason":null}]}`,
      text('"f"', ',"service_tier":"priority"'),
      finish(',"service_tier":"priority"'),
      usage,
    ]),
  ],
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('OpenAI-compatible streams: text chunks read by the template, exactly as a whole parse reads them', () => {
  it.each(STREAMS)('should read %s as a whole parse does', async (_name, body) => {
    const parts = await streamOf(body);
    const expected = reference(body);
    expect(parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []))).toEqual(expected.text);
    expect(parts.flatMap((p) => (p.type === 'reasoning-delta' ? [p.text] : []))).toEqual(expected.reasoning);
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('should parse only the chunks that differ: a 100-chunk stream costs a handful of JSON.parse calls', async () => {
    const body = sse([`${head()}{"role":"assistant","content":""}${tail()}`, ...Array.from({ length: 100 }, (_, i) => text(JSON.stringify(`word${i} `))), finish(), usage]);
    serve(body);
    const parse = vi.spyOn(JSON, 'parse');
    const parts = await collectParts(createOpenAI({ apiKey: 'sk-test' }).stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }));
    const parsedChunks = parse.mock.calls.filter(([data]) => typeof data === 'string' && data.includes('chat.completion.chunk')).length;
    parse.mockRestore();
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(100);
    expect(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('')).toBe(Array.from({ length: 100 }, (_, i) => `word${i} `).join(''));
    // The role chunk, the first text chunk, its probe, the finish chunk and the usage chunk.
    expect(parsedChunks).toBeLessThanOrEqual(5);
  });

  it('should keep the tier the chunks report when the template reads them', async () => {
    const body = sse([text('"a"', ',"service_tier":"flex"'), text('"b"', ',"service_tier":"flex"'), text('"c"', ',"service_tier":"flex"'), finish(',"service_tier":"flex"'), usage]);
    const parts = await streamOf(body);
    const last = parts.at(-1);
    expect(last?.type === 'finish' && last.capacity).toMatchObject({ tier: 'flex' });
  });
});
