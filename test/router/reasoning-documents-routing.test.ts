import { afterEach, describe, expect, it } from 'vitest';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock, createOCIMock, createOpenAIMock, createVertexMock } from '../../src/testing/index.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import { network } from '../setup/network.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n').toString('base64');
const withPdf: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'When does this renew?' }, { type: 'file', data: PDF, mediaType: 'application/pdf', filename: 'msa.pdf' }] }];
const ask: ChatMessage[] = [{ role: 'user', content: 'Is 2^61-1 prime?' }];
const answer = { type: 'text' as const, text: 'It renews on 1 March.', usage: { inputTokens: 1200, outputTokens: 9 } };
const DOCUMENTS_SKIP = 'capability: the request has documents (file parts) and the model does not take documents (capabilities.documents)';
const REASONING_SKIP = 'capability: the request asks for reasoning and the model has no reasoning controls (capabilities.reasoning)';

let open: Switchyard[] = [];
afterEach(async () => {
  await Promise.all(open.map((sy) => sy.close()));
  open = [];
});

function switchyard(models: Record<string, unknown>) {
  const sy = createSwitchyard(
    {
      providers: {
        openai: { type: 'openai', apiKey: 'sk-proj-capabilities-0123456789', api: 'responses' },
        oci: { type: 'oci', apiKey: 'sk-oci-capabilities-0123456789', region: 'us-chicago-1', api: 'responses' },
        vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: 'ya29.capabilities' },
      },
      models,
      versions: { floating: 'allow' },
      ledger: { type: 'none' },
    },
    { env: {} },
  );
  open.push(sy);
  return sy;
}

describe('capabilities.reasoning and capabilities.documents for Claude and Responses targets', () => {
  it('should skip a Claude model that reads no PDFs for a request with a document, and send the next one a document block', async () => {
    const vertex = createVertexMock({ script: answer });
    network.use(...vertex.handlers);
    const sy = switchyard({ docs: { targets: [{ provider: 'vertex', model: 'claude-3-haiku@20240307' }, { provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }] } });
    const result = await sy.chat({ model: 'docs', messages: withPdf, maxTokens: 256 });
    expect(result.attempts?.map((a) => [a.model, a.outcome, a.reason])).toEqual([
      ['claude-3-haiku@20240307', 'skipped', DOCUMENTS_SKIP],
      ['claude-sonnet-4-5@20250929', 'success', undefined],
    ]);
    expect(vertex.requests).toHaveLength(1);
    expect(vertex.requests[0]?.url).toMatch(/\/publishers\/anthropic\/models\/claude-sonnet-4-5@20250929:rawPredict$/);
    expect(vertex.requests[0]?.body.messages[0].content[1]).toEqual({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, title: 'msa.pdf' });
  });

  it('should skip Claude models without extended thinking for a reasoning request (Claude 3.5 included), never for one without', async () => {
    const vertex = createVertexMock({ script: answer });
    network.use(...vertex.handlers);
    const sy = switchyard({ think: { targets: [{ provider: 'vertex', model: 'claude-3-5-sonnet-v2@20241022' }, { provider: 'vertex', model: 'claude-3-5-haiku@20241022' }, { provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }] } });
    const result = await sy.chat({ model: 'think', messages: ask, reasoning: { effort: 'medium' }, maxTokens: 20_000 });
    expect(result.attempts?.map((a) => [a.model, a.outcome, a.reason])).toEqual([
      ['claude-3-5-sonnet-v2@20241022', 'skipped', REASONING_SKIP],
      ['claude-3-5-haiku@20241022', 'skipped', REASONING_SKIP],
      ['claude-sonnet-4-5@20250929', 'success', undefined],
    ]);
    expect(vertex.requests[0]?.body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    const plain = await sy.chat({ model: 'think', messages: ask, maxTokens: 256 });
    expect(plain.attempts?.map((a) => a.outcome)).toEqual(['success']);
    expect(vertex.requests[1]?.url).toMatch(/claude-3-5-sonnet-v2@20241022:rawPredict$/);
  });

  it('should skip Responses targets whose model cannot reason or read documents, and send input_file to the next', async () => {
    const openai = createOpenAIMock({ script: answer });
    const oci = createOCIMock({ script: answer });
    network.use(...openai.handlers, ...oci.handlers);
    const sy = switchyard({
      think: { targets: [{ provider: 'openai', model: 'gpt-4o' }, { provider: 'oci', model: 'meta.llama-3.3-70b-instruct' }, { provider: 'openai', model: 'gpt-5.1' }] },
      docs: { targets: [{ provider: 'oci', model: 'openai.gpt-oss-120b' }, { provider: 'openai', model: 'gpt-4.1' }] },
    });
    const thought = await sy.chat({ model: 'think', messages: ask, reasoning: { effort: 'low', summary: true } });
    expect(thought.attempts?.map((a) => [a.model, a.outcome, a.reason])).toEqual([
      ['gpt-4o', 'skipped', REASONING_SKIP],
      ['meta.llama-3.3-70b-instruct', 'skipped', REASONING_SKIP],
      ['gpt-5.1', 'success', undefined],
    ]);
    expect(openai.requests[0]?.body).toMatchObject({ model: 'gpt-5.1', reasoning: { effort: 'low', summary: 'auto' } });
    const read = await sy.chat({ model: 'docs', messages: withPdf });
    expect(read.attempts?.map((a) => [a.model, a.outcome, a.reason])).toEqual([
      ['openai.gpt-oss-120b', 'skipped', DOCUMENTS_SKIP],
      ['gpt-4.1', 'success', undefined],
    ]);
    expect(openai.requests[1]?.url).toBe('https://api.openai.com/v1/responses');
    expect(openai.requests[1]?.body.input[0].content[1]).toEqual({ type: 'input_file', file_data: `data:application/pdf;base64,${PDF}`, filename: 'msa.pdf' });
    expect(oci.requests).toHaveLength(0);
  });

  it('should skip an Azure deployment whose model cannot reason, known from deployments, on the Responses API and Chat Completions', async () => {
    const endpoint = 'https://contoso-east.openai.azure.com';
    const azure = createAzureOpenAIMock({ endpoint, deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06', 'prod-gpt51': 'gpt-5.1-2025-11-13' }, script: answer });
    network.use(...azure.handlers);
    const sy = createSwitchyard(
      {
        providers: { azure: { type: 'azure-openai', endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: 'v1', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' }, 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' } } } },
        models: {
          responses: { targets: [{ provider: 'azure', model: 'prod-gpt4o', api: 'responses' }, { provider: 'azure', model: 'prod-gpt51', api: 'responses' }] },
          chat: { targets: [{ provider: 'azure', model: 'prod-gpt4o' }, { provider: 'azure', model: 'prod-gpt51' }] },
        },
        ledger: { type: 'none' },
      },
      { env: {} },
    );
    open.push(sy);
    for (const alias of ['responses', 'chat']) {
      const result = await sy.chat({ model: alias, messages: ask, reasoning: { effort: 'high' } });
      expect(result.attempts?.map((a) => [a.model, a.outcome, a.reason])).toEqual([
        ['prod-gpt4o', 'skipped', REASONING_SKIP],
        ['prod-gpt51', 'success', undefined],
      ]);
    }
    expect(azure.requests.map((r) => [r.url.split('/v1/')[1], r.body.model])).toEqual([['responses', 'prod-gpt51'], ['chat/completions', 'prod-gpt51']]);
    expect((await sy.chat({ model: 'responses', messages: ask })).attempts?.map((a) => a.model)).toEqual(['prod-gpt4o']);
  });

  it("should send a document to OCI's Responses API as asked, with a warning that Oracle documents only text and images there", async () => {
    const oci = createOCIMock({ script: answer });
    network.use(...oci.handlers);
    const sy = switchyard({ docs: { targets: [{ provider: 'oci', model: 'cohere.command-a-03-2025' }] } });
    const result = await sy.chat({ model: 'docs', messages: withPdf });
    expect(oci.requests[0]?.url).toMatch(/\/openai\/v1\/responses$/);
    expect(oci.requests[0]?.body.input[0].content[1]).toMatchObject({ type: 'input_file', filename: 'msa.pdf' });
    expect(result.warnings).toEqual([{ type: 'other', setting: 'messages.file', message: expect.stringMatching(/OCI documents text and image inputs for its Responses API, not documents \(input_file\)/) }]);
    expect((await sy.chat({ model: 'docs', messages: ask })).warnings).toEqual([]);
  });
});
