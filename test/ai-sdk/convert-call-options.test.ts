import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { checkAiSdkVersion } from '../../src/ai-sdk/check-ai-sdk-version.ts';
import { convertCallOptions } from '../../src/ai-sdk/convert-call-options.ts';
import { createSwitchyardProvider } from '../../src/ai-sdk/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/index.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('convertCallOptions', () => {
  it('should map every message kind, tools, tool choice and response format', () => {
    const options: LanguageModelV4CallOptions = {
      prompt: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these pictures?' },
            { type: 'file', mediaType: 'image', data: { type: 'data', data: PNG } },
            { type: 'file', mediaType: 'image/jpeg', data: { type: 'url', url: new URL('https://cdn.acme.example/cat.jpg') } },
            { type: 'file', mediaType: 'text/plain', data: { type: 'text', text: 'notes.txt: two cats' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'Let me look.' }, { type: 'text', text: 'Checking.' }, { type: 'tool-call', toolCallId: 'c1', toolName: 'classify', input: { n: 2 } }] },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'c1', toolName: 'classify', output: { type: 'json', value: { labels: ['cat', 'cat'] } } },
            { type: 'tool-result', toolCallId: 'c2', toolName: 'classify', output: { type: 'error-text', value: 'timeout' } },
            { type: 'tool-result', toolCallId: 'c3', toolName: 'delete', output: { type: 'execution-denied', reason: 'not allowed' } },
          ],
        },
      ],
      tools: [
        { type: 'function', name: 'classify', description: 'Labels images', inputSchema: { type: 'object', properties: { n: { type: 'number' } } }, strict: true },
        { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
      ],
      toolChoice: { type: 'tool', toolName: 'classify' },
      responseFormat: { type: 'json', schema: { type: 'object', properties: { answer: { type: 'string' } } }, name: 'answer' },
      maxOutputTokens: 300,
      seed: 7,
      presencePenalty: 0.5,
    };
    const { request, warnings } = convertCallOptions('vision', options);
    expect(request).toEqual({
      model: 'vision',
      maxTokens: 300,
      seed: 7,
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these pictures?' },
            { type: 'image', data: PNG, mediaType: 'image/png' },
            { type: 'image', url: 'https://cdn.acme.example/cat.jpg', mediaType: 'image/jpeg' },
            { type: 'text', text: 'notes.txt: two cats' },
          ],
        },
        { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'c1', name: 'classify', arguments: { n: 2 } }], reasoning: { text: 'Let me look.' } },
        { role: 'tool', toolCallId: 'c1', name: 'classify', content: '{"labels":["cat","cat"]}' },
        { role: 'tool', toolCallId: 'c2', name: 'classify', content: 'timeout' },
        { role: 'tool', toolCallId: 'c3', name: 'delete', content: 'The tool call was denied: not allowed' },
      ],
      tools: [{ name: 'classify', description: 'Labels images', parameters: { type: 'object', properties: { n: { type: 'number' } } }, strict: true }],
      toolChoice: { name: 'classify' },
      responseFormat: { type: 'json', schema: { type: 'object', properties: { answer: { type: 'string' } } }, name: 'answer' },
    });
    expect(warnings.map((w) => (w.type === 'unsupported' ? w.feature : w.type))).toEqual(['presencePenalty', 'provider tool openai.web_search']);
  });

  it('should map documents to file parts, by bytes or by URL, with their file name', () => {
    const options: LanguageModelV4CallOptions = {
      prompt: [
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'application/pdf', filename: 'q3-report.pdf', data: { type: 'data', data: 'JVBERi0xLjcK' } },
            { type: 'file', mediaType: 'application/pdf', data: { type: 'url', url: new URL('gs://acme-docs/contract.pdf') } },
          ],
        },
      ],
    };
    expect(convertCallOptions('chat', options).request.messages).toEqual([
      { role: 'user', content: [{ type: 'file', data: 'JVBERi0xLjcK', mediaType: 'application/pdf', filename: 'q3-report.pdf' }, { type: 'file', url: 'gs://acme-docs/contract.pdf', mediaType: 'application/pdf' }] },
    ]);
  });

  it('should refuse files it cannot send rather than drop them', () => {
    const options: LanguageModelV4CallOptions = { prompt: [{ role: 'user', content: [{ type: 'file', mediaType: 'application/pdf', data: { type: 'text', text: '%PDF-1.7' } }] }] };
    expect(() => convertCallOptions('chat', options)).toThrow(/document given as a text/);
  });
});

describe('the AI SDK provider', () => {
  it('should send an image as a data URL to an OpenAI-format provider', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'A tiny PNG.' } });
    network.use(...mock.handlers);
    const sy = createSwitchyard({ providers: { openai: { type: 'openai', apiKey: 'sk-img' } }, models: { vision: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } }, ledger: { type: 'none' } });
    const { text } = await generateText({ model: createSwitchyardProvider(sy)('vision'), messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image', image: PNG, mediaType: 'image/png' }] }] });
    expect(text).toBe('A tiny PNG.');
    expect(mock.requests[0]?.body.messages[0].content[1]).toEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } });
    await sy.close();
  });

  it("should pass the caller's abort signal to Switchyard", async () => {
    const mock = createOpenAIMock({ script: { type: 'hang' } });
    network.use(...mock.handlers);
    const sy = createSwitchyard({ providers: { openai: { type: 'openai', apiKey: 'sk-abort' } }, models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } }, ledger: { type: 'none' } });
    const outcomes: string[] = [];
    sy.on('attempt-end', (e) => outcomes.push(e.outcome));
    const controller = new AbortController();
    const pending = generateText({ model: createSwitchyardProvider(sy)('chat'), prompt: 'Hi', abortSignal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => mock.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    expect(outcomes).toEqual(['aborted']);
    await sy.close();
  });
});

describe('the AI SDK stream', () => {
  it('should skip empty text deltas, close text blocks around tool calls, and end with the finish', async () => {
    const parts: StreamPart[] = [
      { type: 'text-delta', text: '' },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'text-delta', text: '' },
      { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: {}, rawArguments: '' },
      { type: 'text-delta', text: 'Done.' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', model: 'custom-model-1', provider: 'custom', usage: { inputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 7, reasoningTokens: 2, totalTokens: 12 }, warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'seed is not supported' }] },
    ];
    const provider = {
      chat: () => Promise.reject(new Error('not used')),
      embed: () => Promise.reject(new Error('not used')),
      stream: () => ({ async *[Symbol.asyncIterator]() { yield* parts; } }),
    };
    const { stream } = await createSwitchyardProvider(provider)('any').doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    const out: LanguageModelV4StreamPart[] = [];
    for await (const part of stream) out.push(part);
    expect(out.map((p) => (p.type === 'text-delta' ? `${p.type}:${p.delta}` : p.type === 'text-start' || p.type === 'text-end' ? `${p.type}:${p.id}` : p.type))).toEqual([
      'stream-start',
      'text-start:text-0',
      'text-delta:Let me check.',
      'text-end:text-0',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'text-start:text-1',
      'text-delta:Done.',
      'text-end:text-1',
      'response-metadata',
      'finish',
    ]);
    expect(out.find((p) => p.type === 'tool-call')).toMatchObject({ toolCallId: 'call_1', toolName: 'lookup', input: '{}' });
    const finish = out.at(-1) as Extract<LanguageModelV4StreamPart, { type: 'finish' }>;
    expect(finish.usage.outputTokens).toEqual({ total: 7, text: 5, reasoning: 2 });
    expect(finish.providerMetadata?.switchyard).toMatchObject({ provider: 'custom', model: 'custom-model-1', warnings: [{ type: 'unsupported-setting', setting: 'seed' }] });
  });
});

describe('checkAiSdkVersion', () => {
  const projectWithAi = (version: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-ai-version-'));
    mkdirSync(join(dir, 'node_modules', 'ai'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'ai', 'package.json'), JSON.stringify({ name: 'ai', version, type: 'module', exports: { '.': './index.js' } }));
    return pathToFileURL(join(dir, 'app.js'));
  };

  it.each([
    ['6.0.116', ', which only takes specification v2 and v3 models'],
    ['5.0.93', ', which only takes specification v2 models'],
    ['4.3.19', ''],
  ])('should refuse ai@%s with what to install', (version, takes) => {
    expect(() => checkAiSdkVersion(projectWithAi(version))).toThrow(`switchyard/ai-sdk makes AI SDK 7 models (language model specification v4), and the installed ai is ${version}${takes}: npm install ai@^7 @ai-sdk/provider@^4`);
  });

  it('should accept ai@7 and later, and no ai at all', () => {
    expect(() => checkAiSdkVersion(projectWithAi('7.0.173'))).not.toThrow();
    expect(() => checkAiSdkVersion(projectWithAi('8.0.0'))).not.toThrow();
    expect(() => checkAiSdkVersion(pathToFileURL(join(mkdtempSync(join(tmpdir(), 'switchyard-no-ai-')), 'app.js')))).not.toThrow();
    // The repository's own ai (7) passes: createSwitchyardProvider runs the check.
    expect(() => checkAiSdkVersion()).not.toThrow();
  });
});
