import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { convertToOpenAIResponsesBody } from '../../adapters/openai-compatible/convert-to-openai-responses-body.ts';
import { createAzureOpenAIMock, createOCIMock, createOpenAIMock } from '../../src/testing/index.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Provider } from '../../src/types/provider.ts';
import { checkJsonSchema } from '../setup/check-json-schema.ts';
import { network } from '../setup/network.ts';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/specs/${name}`, import.meta.url), 'utf8'));
const OPENAI = schema('openai-create-response.schema.json');
const AZURE_V1 = schema('azure-v1-create-response.schema.json');

/** Requests that exercise every field Switchyard maps to the Responses body. */
const REQUESTS: Array<[string, ChatRequest]> = [
  ['a plain prompt', { model: 'gpt-5.1', messages: [{ role: 'user', content: 'Hi' }] }],
  [
    'every setting, every message kind, reasoning state and documents',
    {
      model: 'gpt-5.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Read these.' }, { type: 'image', url: 'https://example.com/a.png' }, { type: 'image', data: 'iVBORw==', mediaType: 'image/png' }, { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' }, { type: 'file', url: 'https://example.com/b.pdf', mediaType: 'application/pdf' }] },
        { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'a' } }], reasoning: { providerData: { format: 'openai-responses', provider: 'openai', items: [{ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: 'gAAAAABx' }] } } },
        { role: 'tool', toolCallId: 'call_1', content: 'found' },
        { role: 'system', content: 'Summarise.' },
      ],
      maxTokens: 200,
      temperature: 0.3,
      topP: 0.8,
      tools: [{ name: 'lookup', description: 'Search', parameters: z.object({ q: z.string() }), strict: true }, { name: 'ping' }],
      toolChoice: 'required',
      responseFormat: { type: 'json', name: 'answer', schema: z.object({ a: z.string() }), strict: true, description: 'The answer' },
      reasoning: { effort: 'xhigh', summary: true },
    },
  ],
  ['JSON mode and a forced function', { model: 'gpt-5.1', messages: [{ role: 'user', content: 'JSON' }], responseFormat: { type: 'json' }, tools: [{ name: 'f' }], toolChoice: { name: 'f' }, reasoning: { effort: 'none' } }],
];

describe('Responses request bodies against the providers’ specs', () => {
  for (const [name, request] of REQUESTS) {
    for (const stream of [false, true]) {
      it(`should build a CreateResponse body OpenAI's spec accepts: ${name}${stream ? ' (stream)' : ''}`, () => {
        const { body } = convertToOpenAIResponsesBody({ ...request, cacheKey: 'tenant-acme', serviceTier: 'priority' }, { model: request.model, stream, providerOptionsKey: 'openai', provider: 'openai' });
        expect(checkJsonSchema(body, OPENAI)).toEqual([]);
      });
    }

    it(`should build a body Azure's v1 AzureCreateResponse accepts, prompt_cache_key and service_tier being the only undeclared fields: ${name}`, () => {
      const { body } = convertToOpenAIResponsesBody({ ...request, cacheKey: 'tenant-acme', serviceTier: 'priority' }, { model: 'prod-gpt51', stream: true, providerOptionsKey: 'azure-openai', provider: 'openai' });
      expect(checkJsonSchema(body, AZURE_V1)).toEqual(['$.prompt_cache_key: not a property of the schema', '$.service_tier: not a property of the schema']);
      const { body: plain } = convertToOpenAIResponsesBody(request, { model: 'prod-gpt51', stream: false, providerOptionsKey: 'azure-openai', provider: 'openai' });
      expect(checkJsonSchema(plain, AZURE_V1)).toEqual([]);
    });
  }

  it('should catch what the specs reject (the check can fail)', () => {
    const { body } = convertToOpenAIResponsesBody(REQUESTS[1]![1], { model: 'gpt-5.1', stream: false, providerOptionsKey: 'openai', provider: 'openai' });
    const broken = { ...body, max_tokens: 10, temperature: 3, tools: [{ type: 'function', function: { name: 'f' } }] };
    expect(checkJsonSchema(broken, OPENAI)).toEqual(expect.arrayContaining(['$.max_tokens: not a property of the schema', '$.temperature: above 2', expect.stringMatching(/^\$\.tools\[0\]/)]));
  });

  it('should send, through each provider (chat and stream), bodies the specs accept: what reaches the wire, not only the converter', async () => {
    const endpoint = 'https://contoso-spec.openai.azure.com';
    const answer = { type: 'text' as const, text: '{"a":"done"}' };
    const mocks = { openai: createOpenAIMock({ script: answer }), azure: createAzureOpenAIMock({ endpoint, script: answer }), oci: createOCIMock({ script: answer }) };
    network.use(...mocks.openai.handlers, ...mocks.azure.handlers, ...mocks.oci.handlers);
    const providers: Array<[keyof typeof mocks, Provider, string]> = [
      ['openai', createOpenAI({ apiKey: 'sk-proj-spec-0123456789', api: 'responses' }), 'gpt-5.1'],
      ['azure', createAzureOpenAI({ endpoint, apiKey: 'azure-spec-key-0123456789', api: 'responses', deployments: { 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' } }, env: {} }), 'prod-gpt51'],
      ['oci', createOCI({ apiKey: 'sk-oci-spec-0123456789', region: 'us-chicago-1', api: 'responses', env: {} }), 'openai.gpt-oss-120b'],
    ];
    for (const [name, provider, model] of providers) {
      for (const [, base] of REQUESTS) {
        // The wire path checks efforts per model: gpt-5.1 and gpt-oss take high.
        const request: ChatRequest = { ...base, model, cacheKey: 'tenant-acme', ...(base.reasoning?.effort === 'xhigh' ? { reasoning: { ...base.reasoning, effort: 'high' as const } } : {}), ...(base.reasoning?.effort === 'none' && name === 'oci' ? { reasoning: { effort: 'low' as const } } : {}) };
        await provider.chat(request);
        for await (const _part of provider.stream(request));
      }
      const sent = mocks[name].requests;
      expect(sent.length, name).toBe(REQUESTS.length * 2);
      for (const { url, body } of sent) {
        expect(url, name).toMatch(/\/(openai\/)?v1\/responses$/);
        const errors = checkJsonSchema(body, name === 'azure' ? AZURE_V1 : OPENAI);
        // Azure's v1 spec declares no prompt_cache_key (Microsoft documents it in the prompt-caching article).
        expect(errors.filter((e) => !(name === 'azure' && e === '$.prompt_cache_key: not a property of the schema')), `${name}: ${JSON.stringify(body).slice(0, 200)}`).toEqual([]);
      }
    }
  });
});
