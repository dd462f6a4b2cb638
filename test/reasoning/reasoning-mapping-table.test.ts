import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createCoreWeave, type CoreWeaveReasoningSettings } from '../../adapters/coreweave/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { UnsupportedFeatureError } from '../../src/errors/index.ts';
import type { ReasoningEffort } from '../../src/reasoning/reasoning-effort.ts';
import { createAzureOpenAIMock, createCoreWeaveMock, createOCIMock, createOpenAIMock, createVertexMock } from '../../src/testing/index.ts';
import type { ProviderMock } from '../../src/testing/create-openai-mock.ts';
import type { Provider } from '../../src/types/provider.ts';
import { network } from '../setup/network.ts';

/** One table of the README's "The reasoning mapping, provider by provider": its title, column headers and cells by effort. */
interface MappingTable {
  title: string;
  columns: string[];
  rows: Array<{ effort: ReasoningEffort; cells: string[] }>;
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

/** Reads the tables introduced with "Tested" from the README section, so that the documentation is what is checked. */
function readMappingTables(): MappingTable[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### The reasoning mapping, provider by provider');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 10));
  const tables: MappingTable[] = [];
  for (const block of section.split(/\n(?=\*\*)/)) {
    const title = /^\*\*(.+?)\*\*/.exec(block)?.[1];
    if (!title || !/Tested:\n/.test(block)) continue;
    const lines = block.split('\n').filter((l) => l.startsWith('|'));
    const split = (line: string) => line.slice(1, -1).split('|').map((c) => c.trim());
    const [header, , ...body] = lines;
    tables.push({
      title,
      columns: split(header as string).slice(1),
      rows: body.map((line) => {
        const [effort, ...cells] = split(line);
        return { effort: unquote(effort as string) as ReasoningEffort, cells };
      }),
    });
  }
  return tables;
}

/** A cell in the README's notation: the value sent (or —), ⚠ for a warning, ✗ for an error before sending. */
function render(outcome: { error: true } | { error: false; sent: unknown; warned: boolean }): string {
  if (outcome.error) return '✗';
  const value = outcome.sent === undefined ? '—' : `\`${typeof outcome.sent === 'string' || typeof outcome.sent === 'number' ? outcome.sent : JSON.stringify(outcome.sent)}\``;
  return outcome.warned ? `${value} ⚠` : value;
}

/** Sends one request with `effort` and reads what went on the wire; an error must be raised before anything was sent. */
async function cell(provider: Provider, mock: ProviderMock, model: string, effort: ReasoningEffort, read: (body: any) => unknown) {
  const before = mock.requests.length;
  try {
    const result = await provider.chat({ model, messages: [{ role: 'user', content: 'Is 2^31-1 prime?' }], reasoning: { effort } });
    const body = mock.requests.at(-1)?.body;
    expect(mock.requests.length).toBe(before + 1);
    return render({ error: false, sent: read(body), warned: result.warnings.some((w) => w.setting?.startsWith('reasoning')) });
  } catch (error) {
    if (!UnsupportedFeatureError.isInstance(error)) throw error;
    expect(mock.requests.length).toBe(before);
    return render({ error: true });
  }
}

const ok = { type: 'text' as const, text: '2^31-1 = 2147483647 is a Mersenne prime.', usage: { inputTokens: 14, outputTokens: 320 } };
const TABLES = readMappingTables();
const table = (title: string) => {
  const found = TABLES.find((t) => t.title === title);
  if (!found) throw new Error(`The README has no tested mapping table "${title}".`);
  return found;
};

/** Runs every cell of a table: `setup` gives the provider, mock, wire model and body reader of one column. */
async function checkTable(t: MappingTable, setup: (column: string, index: number) => { provider: Provider; mock: ProviderMock; model: string; read: (body: any) => unknown }) {
  const expected = t.rows.map((r) => r.cells);
  const actual: string[][] = t.rows.map(() => []);
  for (const [c, column] of t.columns.entries()) {
    const { provider, mock, model, read } = setup(column, c);
    for (const [r, row] of t.rows.entries()) (actual[r] as string[]).push(await cell(provider, mock, model, row.effort, read));
  }
  expect(t.rows.map((r) => r.effort)).toEqual(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
  expect(actual).toEqual(expected);
}

describe('the README reasoning mapping table', () => {
  it('should have a tested table for every provider and API this release maps', () => {
    expect(TABLES.map((t) => t.title)).toEqual([
      'OpenAI and Azure OpenAI, Chat Completions',
      'OCI Generative AI, Chat Completions',
      'CoreWeave (vLLM, NIM, Serverless Inference)',
      'Vertex AI, Gemini 2.5',
      'Vertex AI, Gemini 3 and later',
      'OpenAI, Azure OpenAI and OCI, Responses API (`api: responses`)',
      'Claude on Vertex AI',
    ]);
  });

  it('should be what OpenAI is sent, cell by cell', async () => {
    const mock = createOpenAIMock({ script: ok });
    network.use(...mock.handlers);
    const provider = createOpenAI({ apiKey: 'sk-proj-mapping-0123456789abcdef' });
    await checkTable(table('OpenAI and Azure OpenAI, Chat Completions'), (column) => ({ provider, mock, model: unquote(column), read: (b) => b.reasoning_effort }));
  });

  it('should be what Azure OpenAI is sent for deployments of the same models, cell by cell', async () => {
    const t = table('OpenAI and Azure OpenAI, Chat Completions');
    const deployments = Object.fromEntries(t.columns.map((c) => [`prod-${unquote(c)}`, { model: unquote(c) }]));
    const endpoint = 'https://contoso-reasoning.openai.azure.com';
    const mock = createAzureOpenAIMock({ endpoint, deployments: Object.fromEntries(Object.entries(deployments).map(([d, { model }]) => [d, model])), script: ok });
    network.use(...mock.handlers);
    const provider = createAzureOpenAI({ endpoint, apiKey: 'azure-mapping-key-0123456789', apiVersion: 'v1', deployments, env: {} });
    await checkTable(t, (column) => ({ provider, mock, model: `prod-${unquote(column)}`, read: (b) => b.reasoning_effort }));
  });

  it('should be what OCI is sent, cell by cell', async () => {
    const mock = createOCIMock({ script: ok });
    network.use(...mock.handlers);
    const provider = createOCI({ apiKey: 'sk-oci-mapping-0123456789', region: 'us-chicago-1', env: {} });
    await checkTable(table('OCI Generative AI, Chat Completions'), (column) => ({ provider, mock, model: unquote(column), read: (b) => b.reasoning_effort }));
  });

  it('should be what a CoreWeave vLLM server is sent for each reasoning config, cell by cell', async () => {
    const configs: Record<string, { reasoning?: CoreWeaveReasoningSettings; read: (body: any) => unknown }> = {
      default: { read: (b) => b.reasoning_effort },
      '`efforts: [low, medium, high]`': { reasoning: { efforts: ['low', 'medium', 'high'] }, read: (b) => b.reasoning_effort },
      '`style: chat_template_kwargs`': { reasoning: { style: 'chat_template_kwargs' }, read: (b) => b.chat_template_kwargs },
      '`kwargs: { thinking: true }`': { reasoning: { style: 'chat_template_kwargs', kwargs: { thinking: true } }, read: (b) => b.chat_template_kwargs },
      '`style: none`': { reasoning: { style: 'none' }, read: (b) => b.reasoning_effort ?? b.chat_template_kwargs },
    };
    const baseURL = 'https://vllm.acme.internal/v1';
    const mock = createCoreWeaveMock({ baseURL, script: ok });
    network.use(...mock.handlers);
    await checkTable(table('CoreWeave (vLLM, NIM, Serverless Inference)'), (column) => {
      const config = configs[column];
      if (!config) throw new Error(`No CoreWeave config for the README column ${column}`);
      return { provider: createCoreWeave({ baseURL, ...(config.reasoning ? { reasoning: config.reasoning } : {}) }), mock, model: 'Qwen/Qwen3-32B', read: config.read };
    });
  });

  it('should be what Vertex AI is sent for Gemini 2.5 and 2.0, cell by cell', async () => {
    const mock = createVertexMock({ script: ok });
    network.use(...mock.handlers);
    const provider = createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: 'ya29.mapping-token', env: {} });
    await checkTable(table('Vertex AI, Gemini 2.5'), (column) => ({ provider, mock, model: unquote(column), read: (b) => b.generationConfig?.thinkingConfig?.thinkingBudget }));
  });

  it('should be what Vertex AI is sent for Gemini 3, cell by cell, never with a budget beside the level', async () => {
    const mock = createVertexMock({ script: ok });
    network.use(...mock.handlers);
    const provider = createVertex({ project: 'acme-prod', location: 'global', accessToken: 'ya29.mapping-token', env: {} });
    await checkTable(table('Vertex AI, Gemini 3 and later'), (column) => ({ provider, mock, model: unquote(column), read: (b) => b.generationConfig?.thinkingConfig?.thinkingLevel }));
    expect(mock.requests.every((r) => r.body.generationConfig.thinkingConfig.thinkingBudget === undefined)).toBe(true);
  });

  it('should be what the Responses API is sent on OpenAI, Azure v1 and OCI, cell by cell', async () => {
    const t = table('OpenAI, Azure OpenAI and OCI, Responses API (`api: responses`)');
    const read = (b: any) => b.reasoning?.effort;
    const openaiMock = createOpenAIMock({ script: ok });
    const ociMock = createOCIMock({ script: ok });
    network.use(...openaiMock.handlers, ...ociMock.handlers);
    const openai = createOpenAI({ apiKey: 'sk-proj-mapping-0123456789abcdef', api: 'responses' });
    const oci = createOCI({ apiKey: 'sk-oci-mapping-0123456789', region: 'us-chicago-1', api: 'responses', env: {} });
    const onOCI = (column: string) => unquote(column).startsWith('xai.');
    await checkTable(t, (column) => (onOCI(column) ? { provider: oci, mock: ociMock, model: unquote(column), read } : { provider: openai, mock: openaiMock, model: unquote(column), read }));
    expect(openaiMock.requests.every((r) => r.url === 'https://api.openai.com/v1/responses')).toBe(true);
    expect(ociMock.requests.every((r) => r.url.endsWith('/openai/v1/responses'))).toBe(true);

    // Azure v1: the same cells for deployments of the OpenAI models (the efforts of the deployment's model).
    const models = t.columns.map(unquote).filter((c) => !c.startsWith('xai.'));
    const endpoint = 'https://contoso-reasoning.openai.azure.com';
    const azureMock = createAzureOpenAIMock({ endpoint, deployments: Object.fromEntries(models.map((m) => [`prod-${m}`, m])), script: ok });
    network.use(...azureMock.handlers);
    const azure = createAzureOpenAI({ endpoint, apiKey: 'azure-mapping-key-0123456789', api: 'responses', deployments: Object.fromEntries(models.map((m) => [`prod-${m}`, { model: m }])), env: {} });
    const azureTable = { ...t, columns: t.columns.filter((c) => !onOCI(c)), rows: t.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => !onOCI(t.columns[i] as string)) })) };
    await checkTable(azureTable, (column) => ({ provider: azure, mock: azureMock, model: `prod-${unquote(column)}`, read }));
    expect(azureMock.requests.every((r) => r.url === `${endpoint}/openai/v1/responses`)).toBe(true);
  });

  it('should be what Claude on Vertex AI is sent, cell by cell', async () => {
    const mock = createVertexMock({ script: ok });
    network.use(...mock.handlers);
    const provider = createVertex({ project: 'acme-prod', location: 'global', accessToken: 'ya29.mapping-token', env: {} });
    // The README's notation: the budget (or `adaptive`), then `+ output_config.effort`.
    const read = (b: any) => {
      const sent = [b.thinking?.type === 'enabled' ? b.thinking.budget_tokens : b.thinking?.type, b.output_config?.effort].filter((v) => v !== undefined);
      return sent.length === 0 ? undefined : sent.join(' + ');
    };
    await checkTable(table('Claude on Vertex AI'), (column) => ({ provider, mock, model: unquote(column), read }));
    expect(mock.requests.every((r) => r.url.endsWith(':rawPredict') && r.url.includes('/publishers/anthropic/models/'))).toBe(true);
  });
});
