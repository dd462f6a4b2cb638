import type { ChatCompletionContentPart, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { ConfigError, UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock, createCoreWeaveMock, createOCIMock, createOpenAIMock } from '../../src/testing/index.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const KEY = 'sk-proj-reasoning-0123456789abcdef';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PDF_B64 = PDF.toString('base64');
const ANSWER = { type: 'text' as const, text: 'The contract renews on 1 March.', usage: { inputTokens: 1840, outputTokens: 412 } };
const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];

function openai() {
  const mock = createOpenAIMock({ script: ANSWER });
  network.use(...mock.handlers);
  return { mock, provider: createOpenAI({ apiKey: KEY }) };
}

describe('reasoning on Chat Completions', () => {
  it('should send reasoning_effort on OpenAI in chat and stream bodies, with warnings for what Chat Completions cannot do', async () => {
    const { mock, provider } = openai();
    const result = await provider.chat({ model: 'gpt-5-2025-08-07', messages: ask('Plan the migration.'), reasoning: { effort: 'minimal', budgetTokens: 2048, summary: true } });
    expect(mock.requests[0]?.body).toMatchObject({ model: 'gpt-5-2025-08-07', reasoning_effort: 'minimal' });
    expect(mock.requests[0]?.body.thinking_token_budget).toBeUndefined();
    expect(result.warnings.map((w) => w.setting)).toEqual(['reasoning.budgetTokens', 'reasoning.summary']);
    expect(result.warnings[1]?.message).toMatch(/api: responses/);
    const parts: StreamPart[] = [];
    for await (const part of provider.stream({ model: 'o4-mini', messages: ask('Plan it.'), reasoning: { effort: 'high' } })) parts.push(part);
    expect(mock.requests[1]?.body).toMatchObject({ model: 'o4-mini', reasoning_effort: 'high', stream: true });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', warnings: [] });
  });

  it('should say which efforts a model takes when it rejects the one asked for, before sending', async () => {
    const { mock, provider } = openai();
    const error = await provider.chat({ model: 'gpt-5.1', messages: ask('Hi'), reasoning: { effort: 'minimal' } }).catch((e: unknown) => e);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('openai: gpt-5.1 does not take reasoning effort "minimal"; it takes "none", "low", "medium", "high". Ask for one of those, or route this effort to a model that has it.');
    const notReasoning = await provider.chat({ model: 'gpt-4o-2024-08-06', messages: ask('Hi'), reasoning: { summary: true } }).catch((e: unknown) => e);
    expect((notReasoning as Error).message).toMatch(/gpt-4o-2024-08-06 is not a reasoning model/);
    expect(mock.requests).toHaveLength(0);
    // Effort none on a model that does not reason asks for nothing it lacks.
    await provider.chat({ model: 'gpt-4o-2024-08-06', messages: ask('Hi'), reasoning: { effort: 'none' } });
    expect(mock.requests[0]?.body.reasoning_effort).toBeUndefined();
  });

  it('should map Azure deployments to their model’s efforts, and keep the api-version check for dated versions', async () => {
    const endpoint = 'https://contoso-east.openai.azure.com';
    const mock = createAzureOpenAIMock({ endpoint, deployments: { 'prod-o3': 'o3-2025-04-16' }, script: ANSWER });
    network.use(...mock.handlers);
    const deployments = { 'prod-o3': { model: 'o3-2025-04-16' } };
    const v1 = createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: 'v1', deployments, env: {} });
    await v1.chat({ model: 'prod-o3', messages: ask('Hi'), reasoning: { effort: 'low' } });
    expect(mock.requests[0]).toMatchObject({ url: `${endpoint}/openai/v1/chat/completions`, body: { model: 'prod-o3', reasoning_effort: 'low' } });
    await expect(v1.chat({ model: 'prod-o3', messages: ask('Hi'), reasoning: { effort: 'minimal' } })).rejects.toThrow(/prod-o3 \(o3-2025-04-16\) does not take reasoning effort "minimal"/);
    const dated = createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21', deployments, env: {} });
    await expect(dated.chat({ model: 'prod-o3', messages: ask('Hi'), reasoning: { effort: 'low' } })).rejects.toThrow(/reasoning_effort.*api-version 2024-10-21 does not have/);
    expect(mock.requests).toHaveLength(1);
  });

  it('should warn for Grok 4 on OCI, which reasons but rejects reasoning_effort, and send nothing', async () => {
    const mock = createOCIMock({ script: ANSWER });
    network.use(...mock.handlers);
    const oci = createOCI({ apiKey: 'sk-oci-0123456789abcdef', region: 'us-chicago-1', env: {} });
    const result = await oci.chat({ model: 'xai.grok-4', messages: ask('Why?'), reasoning: { effort: 'high', summary: true } });
    expect(mock.requests[0]?.body.reasoning_effort).toBeUndefined();
    expect(result.warnings.map((w) => w.setting)).toEqual(['reasoning.effort', 'reasoning.summary']);
    expect(oci.capabilities.models?.['xai.grok-4']?.reasoning).toBe(true);
    expect(oci.capabilities.models?.['meta.llama-3.3-70b-instruct']?.reasoning).toBe(false);
  });
});

describe('reasoning on CoreWeave vLLM and NIM servers', () => {
  const baseURL = 'https://qwen3.acme.internal/v1';
  const serve = () => {
    const mock = createCoreWeaveMock({ baseURL, script: ANSWER });
    network.use(...mock.handlers);
    return mock;
  };

  it('should send budgetTokens as vLLM thinking_token_budget beside the effort', async () => {
    const mock = serve();
    await createCoreWeave({ baseURL }).chat({ model: 'Qwen/Qwen3-32B', messages: ask('Prove it.'), reasoning: { effort: 'high', budgetTokens: 4096 } });
    expect(mock.requests[0]?.body).toMatchObject({ reasoning_effort: 'high', thinking_token_budget: 4096 });
  });

  it('should send the template kwargs with the effort variable, a nested NIM budget field, and per-model settings', async () => {
    const mock = serve();
    const cw = createCoreWeave({
      baseURL,
      reasoning: {
        style: 'chat_template_kwargs',
        kwargs: { enable_thinking: true, clear_thinking: false },
        offKwargs: { enable_thinking: false },
        effortKwarg: 'reasoning_effort',
        budgetField: 'nvext.max_thinking_tokens',
        models: { 'deepseek-ai/DeepSeek-V3.1': { kwargs: { thinking: true }, effortKwarg: undefined, budgetField: false } },
      },
    });
    const glm = await cw.chat({ model: 'zai-org/GLM-4.6', messages: ask('Prove it.'), reasoning: { effort: 'medium', budgetTokens: 2000 }, providerOptions: { coreweave: { nvext: { priority: 1 } } } });
    expect(mock.requests[0]?.body).toMatchObject({ chat_template_kwargs: { enable_thinking: true, clear_thinking: false, reasoning_effort: 'medium' }, nvext: { priority: 1 } });
    expect(glm.warnings).toEqual([]);
    await cw.chat({ model: 'zai-org/GLM-4.6', messages: ask('Quick.'), reasoning: { effort: 'low', budgetTokens: 2000 } });
    expect(mock.requests[1]?.body.nvext).toEqual({ max_thinking_tokens: 2000 });
    await cw.chat({ model: 'zai-org/GLM-4.6', messages: ask('No thinking.'), reasoning: { effort: 'none' } });
    expect(mock.requests[2]?.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    const deepseek = await cw.chat({ model: 'deepseek-ai/DeepSeek-V3.1', messages: ask('Prove it.'), reasoning: { effort: 'high', budgetTokens: 2000 } });
    expect(mock.requests[3]?.body.chat_template_kwargs).toEqual({ thinking: true });
    expect(mock.requests[3]?.body.nvext).toBeUndefined();
    expect(deepseek.warnings.map((w) => w.setting)).toEqual(['reasoning.effort', 'reasoning.budgetTokens']);
  });

  it('should replay an earlier turn’s reasoning text as vLLM’s reasoning field, never its state', async () => {
    const mock = serve();
    const history: ChatMessage[] = [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }], reasoning: { text: 'I should call get_weather.', providerData: { format: 'openai-responses', provider: 'openai', encrypted: 'gAAAAB…' } } },
      { role: 'tool', toolCallId: 'call_1', content: '{"c":-3}' },
    ];
    const result = await createCoreWeave({ baseURL }).chat({ model: 'moonshotai/Kimi-K2-Thinking', messages: history });
    expect(mock.requests[0]?.body.messages[1]).toEqual({ role: 'assistant', content: null, reasoning: 'I should call get_weather.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] });
    expect(JSON.stringify(mock.requests[0]?.body)).not.toContain('gAAAAB');
    expect(result.warnings).toEqual([{ type: 'other', setting: 'messages[1].reasoning', message: expect.stringMatching(/openai-responses state from openai\) was not sent: coreweave takes no reasoning state/) }]);
    await createCoreWeave({ baseURL, reasoning: { replayField: 'reasoning_content' } }).chat({ model: 'm', messages: history });
    expect(mock.requests[1]?.body.messages[1].reasoning_content).toBe('I should call get_weather.');
    await createCoreWeave({ baseURL, reasoning: { replayField: false } }).chat({ model: 'm', messages: history });
    expect(Object.keys(mock.requests[2]?.body.messages[1])).toEqual(['role', 'content', 'tool_calls']);
  });

  it('should validate reasoning in the config, naming the path', () => {
    const make = (reasoning: unknown) => () => createSwitchyard({ providers: { cw: { type: 'coreweave', baseURL, reasoning } }, models: {}, ledger: { type: 'none' } });
    expect(make({ style: 'chat_template_kwargs', kwargs: { thinking: true }, models: { 'a/b': { efforts: ['low', 'high'] } } })).not.toThrow();
    const error = (() => {
      try {
        make({ style: 'thinking', budgetField: 'nvext..max' })();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/providers\.cw\.reasoning\.style/);
    expect((error as Error).message).toMatch(/providers\.cw\.reasoning\.budgetField/);
  });
});

describe('documents on Chat Completions', () => {
  const pdfMessage = (part: ChatMessage): ChatMessage[] => [part];
  const withDoc = (file: object) => pdfMessage({ role: 'user', content: [{ type: 'text', text: 'When does it renew?' }, file as never] });

  it('should send a PDF as OpenAI’s file part: inline as a data URL with its name, or an uploaded file id', async () => {
    const { mock, provider } = openai();
    await provider.chat({ model: 'gpt-4o-2024-08-06', messages: withDoc({ type: 'file', data: PDF, mediaType: 'application/pdf', filename: 'msa-2026.pdf' }) });
    await provider.chat({ model: 'gpt-4o-2024-08-06', messages: withDoc({ type: 'file', data: 'file-6F2ksmvXxt4VdoqmHRw6kL', mediaType: 'application/pdf' }) });
    await provider.chat({ model: 'gpt-4o-2024-08-06', messages: withDoc({ type: 'file', url: `data:application/pdf;base64,${PDF_B64}`, mediaType: 'application/pdf' }) });
    const inline = { type: 'file', file: { filename: 'msa-2026.pdf', file_data: `data:application/pdf;base64,${PDF_B64}` } } satisfies ChatCompletionContentPart;
    const uploaded = { type: 'file', file: { file_id: 'file-6F2ksmvXxt4VdoqmHRw6kL' } } satisfies ChatCompletionContentPart;
    const expected: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o-2024-08-06', messages: [{ role: 'user', content: [{ type: 'text', text: 'When does it renew?' }, inline] }] };
    expect(mock.requests[0]?.body).toEqual(expected);
    expect(mock.requests[1]?.body.messages[0].content[1]).toEqual(uploaded);
    expect(mock.requests[2]?.body.messages[0].content[1]).toEqual({ type: 'file', file: { filename: 'document.pdf', file_data: `data:application/pdf;base64,${PDF_B64}` } });
  });

  it('should refuse a document URL or a non-PDF before sending, without quoting the URL’s path', async () => {
    const { mock, provider } = openai();
    const byUrl = await provider.chat({ model: 'gpt-4o', messages: withDoc({ type: 'file', url: 'https://docs.acme.example/msa.pdf?sig=SECRET123', mediaType: 'application/pdf' }) }).catch((e: unknown) => e);
    expect(UnsupportedFeatureError.isInstance(byUrl)).toBe(true);
    expect((byUrl as Error).message).toMatch(/messages\[0\]\.content\[1\] is a document at https:\/\/docs\.acme\.example….*never by URL.*api: responses/);
    expect((byUrl as Error).message).not.toContain('SECRET123');
    const docx = await provider.chat({ model: 'gpt-4o', messages: withDoc({ type: 'file', data: 'UEsDBBQ=', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }) }).catch((e: unknown) => e);
    expect((docx as Error).message).toMatch(/Chat Completions takes PDF documents only/);
    expect(mock.requests).toHaveLength(0);
  });

  it('should send documents to Azure v1 and OCI with a warning, refuse them on a dated GA api-version and on vLLM', async () => {
    const endpoint = 'https://contoso-east.openai.azure.com';
    const azureMock = createAzureOpenAIMock({ endpoint, script: ANSWER });
    const ociMock = createOCIMock({ script: ANSWER });
    network.use(...azureMock.handlers, ...ociMock.handlers);
    const doc = withDoc({ type: 'file', data: PDF, mediaType: 'application/pdf', filename: 'msa.pdf' });
    const v1 = await createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: 'v1', env: {} }).chat({ model: 'prod-gpt4o', messages: doc });
    expect(azureMock.requests[0]?.body.messages[0].content[1]).toEqual({ type: 'file', file: { filename: 'msa.pdf', file_data: `data:application/pdf;base64,${PDF_B64}` } });
    expect(v1.warnings).toEqual([{ type: 'other', setting: 'messages.file', message: expect.stringMatching(/Azure OpenAI does not document file parts on Chat Completions/) }]);
    const dated = createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21', env: {} });
    expect(dated.capabilities.documents).toBe(false);
    await expect(dated.chat({ model: 'prod-gpt4o', messages: doc })).rejects.toThrow(/api-version 2024-10-21 has no document parts/);
    const oci = await createOCI({ apiKey: 'sk-oci-0123456789abcdef', region: 'us-chicago-1', env: {} }).chat({ model: 'google.gemini-2.5-pro', messages: doc });
    expect(ociMock.requests[0]?.body.messages[0].content[1].type).toBe('file');
    expect(oci.warnings[0]?.message).toMatch(/OCI documents its Chat Completions as OpenAI's format but names no document/);
    const cw = createCoreWeave({ baseURL: 'https://vllm.acme.internal/v1' });
    expect(cw.capabilities.documents).toBe(false);
    await expect(cw.chat({ model: 'Qwen/Qwen2.5-VL-72B-Instruct', messages: doc })).rejects.toThrow(/vLLM's Chat Completions takes text, image, audio and video parts but no documents/);
    expect(azureMock.requests).toHaveLength(1);
  });
});

describe('cacheKey', () => {
  it('should be prompt_cache_key on OpenAI and Azure v1, a warning on a dated Azure version, and nothing elsewhere', async () => {
    const { mock, provider } = openai();
    const endpoint = 'https://contoso-east.openai.azure.com';
    const azureMock = createAzureOpenAIMock({ endpoint, script: ANSWER });
    const ociMock = createOCIMock({ script: ANSWER });
    const cwMock = createCoreWeaveMock({ baseURL: 'https://vllm.acme.internal/v1', script: ANSWER });
    network.use(...azureMock.handlers, ...ociMock.handlers, ...cwMock.handlers);
    const request = { model: 'gpt-4o-mini', messages: ask('Classify this ticket.'), cacheKey: 'support-triage-v3' };
    expect((await provider.chat(request)).warnings).toEqual([]);
    expect(mock.requests[0]?.body.prompt_cache_key).toBe('support-triage-v3');
    await createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: 'v1', env: {} }).chat({ ...request, model: 'prod-gpt4o' });
    expect(azureMock.requests[0]?.body.prompt_cache_key).toBe('support-triage-v3');
    const dated = await createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', apiVersion: '2025-04-01-preview', env: {} }).chat({ ...request, model: 'prod-gpt4o' });
    expect(azureMock.requests[1]?.body.prompt_cache_key).toBeUndefined();
    expect(dated.warnings.map((w) => w.setting)).toEqual(['cacheKey']);
    const oci = await createOCI({ apiKey: 'sk-oci-0123456789abcdef', region: 'us-chicago-1', env: {} }).chat({ ...request, model: 'meta.llama-3.3-70b-instruct' });
    const cw = await createCoreWeave({ baseURL: 'https://vllm.acme.internal/v1' }).chat({ ...request, model: 'Qwen/Qwen3-32B' });
    expect([ociMock.requests[0]?.body.prompt_cache_key, cwMock.requests[0]?.body.prompt_cache_key]).toEqual([undefined, undefined]);
    expect([...oci.warnings, ...cw.warnings]).toEqual([]);
  });
});

describe('cacheKey on the Responses API', () => {
  it('should be prompt_cache_key on OpenAI and Azure v1, in chat and stream bodies, and nothing (no warning) on OCI', async () => {
    const { mock } = openai();
    const endpoint = 'https://contoso-east.openai.azure.com';
    const azureMock = createAzureOpenAIMock({ endpoint, script: ANSWER });
    const ociMock = createOCIMock({ script: ANSWER });
    network.use(...azureMock.handlers, ...ociMock.handlers);
    const request = { model: 'gpt-4o-mini', messages: ask('Classify this ticket.'), cacheKey: 'support-triage-v3' };
    const openaiResponses = createOpenAI({ apiKey: KEY, api: 'responses' });
    expect((await openaiResponses.chat(request)).warnings).toEqual([]);
    for await (const _part of openaiResponses.stream(request));
    expect(mock.requests.map((r) => [r.url, r.body.prompt_cache_key])).toEqual([
      ['https://api.openai.com/v1/responses', 'support-triage-v3'],
      ['https://api.openai.com/v1/responses', 'support-triage-v3'],
    ]);
    await createAzureOpenAI({ endpoint, apiKey: 'azure-key-0123456789abcdef', api: 'responses', env: {} }).chat({ ...request, model: 'prod-gpt4o' });
    expect([azureMock.requests[0]?.url, azureMock.requests[0]?.body.prompt_cache_key]).toEqual([`${endpoint}/openai/v1/responses`, 'support-triage-v3']);
    const oci = createOCI({ apiKey: 'sk-oci-0123456789abcdef', region: 'us-chicago-1', api: 'responses', env: {} });
    const ociResult = await oci.chat({ ...request, model: 'openai.gpt-oss-120b' });
    const parts: StreamPart[] = [];
    for await (const part of oci.stream({ ...request, model: 'openai.gpt-oss-120b' })) parts.push(part);
    expect(ociMock.requests.map((r) => [r.url.endsWith('/openai/v1/responses'), r.body.prompt_cache_key])).toEqual([[true, undefined], [true, undefined]]);
    expect([...ociResult.warnings, ...((parts.at(-1) as { warnings?: unknown[] }).warnings ?? [])]).toEqual([]);
  });
});

describe('reasoning state on Chat Completions', () => {
  it('should drop another provider’s reasoning state with a warning and send the turn without it', async () => {
    const { mock, provider } = openai();
    const result = await provider.chat({
      model: 'gpt-5-mini',
      messages: [
        { role: 'user', content: 'Plan a trip.' },
        { role: 'assistant', content: 'Day 1: Kyoto.', reasoning: { text: 'Thinking about trains…', providerData: { format: 'gemini', provider: 'vertex-eu', textSignature: 'CiQBjz1rX4f2Hq0w' } } },
        { role: 'user', content: 'And day 2?' },
      ],
    });
    expect(mock.requests[0]?.body.messages[1]).toEqual({ role: 'assistant', content: 'Day 1: Kyoto.' });
    expect(result.warnings).toEqual([{ type: 'other', setting: 'messages[1].reasoning', message: 'The reasoning state of messages[1] (gemini state from vertex-eu) was not sent: openai takes no reasoning state on this API. The turn\'s text and tool calls were sent without it.' }]);
  });
});
