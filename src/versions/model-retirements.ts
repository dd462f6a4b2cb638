import type { ModelRetirement } from './model-retirement.ts';

const CHECKED = '2026-11-23';

const OPENAI_SOURCE = 'https://developers.openai.com/api/docs/deprecations';
const OPENAI_NOTE =
  'Dates as listed in the deprecation notes of the official openai npm package 7.57.0 (resources/shared.d.ts, generated from the OpenAPI spec), which point to the deprecations page.';

const AZURE_SOURCE = 'https://github.com/MicrosoftDocs/azure-ai-docs/blob/main/articles/foundry/openai/includes/concepts-model-retirement-schedule-content.md';
const AZURE_NOTE = 'Microsoft Learn source of the Foundry Models retirement schedule, copy dated 2026-07-07 (ms.date).';

const VERTEX_SOURCE = 'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/model-versions';

const COREWEAVE_SOURCE = 'https://docs.coreweave.com/products/inference/serverless/lifecycle';
const WANDB_SOURCE = 'https://docs.wandb.ai/inference/lifecycle';

function openai(retiresOn: string, models: string[]): ModelRetirement {
  return { provider: 'openai', models, retiresOn, source: OPENAI_SOURCE, sourceKind: 'primary', checkedOn: CHECKED, note: OPENAI_NOTE };
}

function azure(retiresOn: string, models: string[], extra: Partial<ModelRetirement> = {}): ModelRetirement {
  return { provider: 'azure-openai', models, retiresOn, source: AZURE_SOURCE, sourceKind: 'primary', checkedOn: CHECKED, note: AZURE_NOTE, ...extra };
}

/**
 * Known deprecation and retirement dates of models on OpenAI, Azure OpenAI, Vertex AI and CoreWeave Serverless
 * Inference, read from each provider's own pages (`sourceKind: 'primary'`) on `checkedOn`. Dates change: providers
 * extend them, and add new ones every month. `switchyard pins` and `createSwitchyard` warn from this list; it is
 * not a substitute for the providers' notices. Models without an announced date are not listed, and dates given
 * only as "no earlier than" are left out.
 */
export const MODEL_RETIREMENTS: readonly ModelRetirement[] = [
  // OpenAI
  openai('2024-09-13', ['gpt-3.5-turbo-16k', 'gpt-3.5-turbo-0301', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-16k-0613']),
  openai('2024-12-06', ['gpt-4-vision-preview']),
  openai('2025-06-06', ['gpt-4-32k', 'gpt-4-32k-0314', 'gpt-4-32k-0613']),
  openai('2025-07-28', ['o1-preview', 'o1-preview-2024-09-12']),
  openai('2025-10-10', ['gpt-4o-audio-preview-2024-10-01']),
  openai('2025-10-27', ['o1-mini', 'o1-mini-2024-09-12']),
  openai('2026-02-12', ['codex-mini-latest']),
  openai('2026-02-17', ['chatgpt-4o-latest']),
  openai('2026-03-26', ['gpt-4-0125-preview', 'gpt-4-turbo-preview', 'gpt-4-0314']),
  openai('2026-05-07', ['gpt-4o-audio-preview', 'gpt-4o-audio-preview-2024-12-17', 'gpt-4o-audio-preview-2025-06-03', 'gpt-4o-mini-audio-preview', 'gpt-4o-mini-audio-preview-2024-12-17']),
  openai('2026-07-23', [
    'gpt-5.1-codex', 'gpt-5.1-chat-latest', 'gpt-5-chat-latest', 'gpt-4o-search-preview', 'gpt-4o-mini-search-preview',
    'gpt-4o-search-preview-2025-03-11', 'gpt-4o-mini-search-preview-2025-03-11',
  ]),
  openai('2026-08-10', ['gpt-5.3-chat-latest', 'gpt-5.2-chat-latest']),
  openai('2026-09-28', ['gpt-3.5-turbo-1106']),
  openai('2026-10-23', [
    'gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14', 'o4-mini', 'o4-mini-2025-04-16', 'o3-mini', 'o3-mini-2025-01-31', 'o1', 'o1-2024-12-17',
    'gpt-4o-2024-05-13', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4-1106-preview', 'gpt-4', 'gpt-4-0613', 'gpt-3.5-turbo', 'gpt-3.5-turbo-0125',
  ]),
  openai('2026-12-11', ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07', 'gpt-5-nano-2025-08-07', 'o3', 'o3-2025-04-16']),
  openai('2027-01-14', [
    'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4o', 'gpt-4o-2024-11-20', 'gpt-4o-2024-08-06', 'gpt-4o-mini',
    'gpt-4o-mini-2024-07-18',
  ]),
  openai('2027-01-20', ['gpt-audio-mini', 'gpt-audio-mini-2025-12-15']),
  openai('2027-04-01', ['gpt-5.4-nano', 'gpt-5.4-nano-2026-03-17', 'gpt-5.1', 'gpt-5.1-2025-11-13']),

  // Azure OpenAI (model-version as deployed)
  azure('2026-05-13', ['gpt-5-chat-2025-10-03', 'gpt-5.2-chat-2025-12-11'], { replacement: 'gpt-chat-latest' }),
  azure('2026-06-29', ['gpt-5-chat-2025-08-07', 'gpt-5.1-chat-2025-11-13', 'gpt-5.2-chat-2026-02-10', 'gpt-5.3-chat-2026-03-03'], { replacement: 'gpt-chat-latest' }),
  azure('2026-09-16', ['o1-2024-12-17']),
  azure('2026-09-18', ['o1-pro-2025-03-19']),
  azure('2026-10-01', ['gpt-4o-2024-05-13', 'gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'], {
    replacement: 'gpt-5.1',
    note: `${AZURE_NOTE} A secondary report (dev.to/bigcircle, 2026-10-22) says Azure later moved these to 2026-12-09 (2024-05-13) and 2027-04-14 (2024-08-06, 2024-11-20); not confirmed on a Microsoft page.`,
  }),
  azure('2026-10-01', ['gpt-4o-mini-2024-07-18'], {
    replacement: 'gpt-4.1-mini',
    note: `${AZURE_NOTE} A secondary report (dev.to/bigcircle, 2026-10-22) says Azure later moved it to 2027-04-14; not confirmed on a Microsoft page.`,
  }),
  azure('2026-10-01', ['o3-mini-2025-01-31'], { replacement: 'o4-mini' }),
  azure('2026-10-14', ['gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14']),
  azure('2026-10-16', ['o3-2025-04-16', 'o4-mini-2025-04-16']),
  azure('2026-11-05', ['gpt-chat-latest-2026-05-05']),
  azure('2026-11-15', ['codex-mini-2025-05-16']),
  azure('2026-12-05', ['gpt-5.1-codex-max-2025-12-04']),
  azure('2026-12-10', ['o3-pro-2025-06-10']),
  azure('2026-12-12', ['gpt-5.2-2025-12-11']),
  azure('2026-12-26', ['o3-deep-research-2025-06-26']),
  azure('2027-01-14', ['gpt-5.2-codex-2026-01-14']),
  azure('2027-02-06', ['gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07', 'gpt-5-nano-2025-08-07']),
  azure('2027-02-25', ['gpt-5.3-codex-2026-02-24']),
  azure('2027-03-05', ['gpt-5.4-2026-03-05']),
  azure('2027-03-06', ['gpt-5.4-pro-2026-03-05']),
  azure('2027-03-17', ['gpt-5-codex-2025-09-15']),
  azure('2027-03-18', ['gpt-5.4-mini-2026-03-17', 'gpt-5.4-nano-2026-03-17']),
  azure('2027-04-07', ['gpt-5-pro-2025-10-06']),
  azure('2027-04-15', ['text-embedding-3-large', 'text-embedding-3-small', 'text-embedding-ada-002']),
  azure('2027-04-23', ['gpt-5.5-2026-04-24']),
  azure('2027-05-15', ['gpt-5.1-2025-11-13', 'gpt-5.1-codex-2025-11-13', 'gpt-5.1-codex-mini-2025-11-13']),

  // Vertex AI (Gemini)
  {
    provider: 'vertex',
    models: ['gemini-2.0-flash', 'gemini-2.0-flash-001', 'gemini-2.0-flash-lite', 'gemini-2.0-flash-lite-001'],
    retiresOn: '2026-06-01',
    source: 'https://firebase.google.com/docs/ai-logic/locations',
    sourceKind: 'primary',
    checkedOn: CHECKED,
    note: 'Google (Firebase AI Logic banner, updated 2026-06-08): "Gemini 2.0 Flash and Flash-Lite models were shut down on June 1, 2026." An earlier copy of the Vertex model-versions page listed 2026-02-05 (flash-001) and 2026-02-25 (flash-lite-001).',
  },
  {
    provider: 'vertex',
    models: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'],
    retiresOn: '2026-10-20',
    replacement: 'gemini-3.5-flash (for 2.5 Pro), gemini-3.5-flash-lite or gemini-3.1-flash-lite (for 2.5 Flash), gemini-3.1-flash-lite (for 2.5 Flash-Lite)',
    source: VERTEX_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
    note: 'One stored copy of the same page (model-versions.md.txt) gives 2026-10-16; Google says retirement dates may be extended but not moved earlier, so the later date is kept.',
  },
  { provider: 'vertex', models: ['gemini-live-2.5-flash-native-audio'], retiresOn: '2026-12-13', source: VERTEX_SOURCE, sourceKind: 'primary', checkedOn: CHECKED },
  { provider: 'vertex', models: ['gemini-2.5-flash-image'], retiresOn: '2027-03-15', replacement: 'gemini-3.1-flash-lite-image', source: VERTEX_SOURCE, sourceKind: 'primary', checkedOn: CHECKED },

  // CoreWeave Serverless Inference (formerly W&B Inference)
  {
    provider: 'coreweave',
    models: ['deepseek-ai/DeepSeek-R1-0528', 'deepseek-ai/DeepSeek-V3-0324'],
    retiresOn: '2026-03-04',
    deprecatedOn: '2026-02-18',
    source: WANDB_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
  },
  {
    provider: 'coreweave',
    models: ['moonshotai/Kimi-K2-Instruct', 'moonshotai/Kimi-K2-Instruct-0905'],
    retiresOn: '2026-03-03',
    deprecatedOn: '2026-02-12',
    replacement: 'moonshotai/Kimi-K2.5',
    source: WANDB_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
  },
  { provider: 'coreweave', models: ['zai-org/GLM-4.5'], retiresOn: '2026-03-03', deprecatedOn: '2026-02-12', replacement: 'zai-org/GLM-5-FP8', source: WANDB_SOURCE, sourceKind: 'primary', checkedOn: CHECKED },
  { provider: 'coreweave', models: ['Qwen/Qwen2.5-14B-Instruct'], retiresOn: '2026-03-03', deprecatedOn: '2026-02-05', source: WANDB_SOURCE, sourceKind: 'primary', checkedOn: CHECKED },
  {
    provider: 'coreweave',
    models: ['deepseek-ai/DeepSeek-V4-Flash'],
    retiresOn: '2026-10-05',
    deprecatedOn: '2026-09-04',
    replacement: 'deepseek-ai/DeepSeek-V4-Flash-0731',
    source: COREWEAVE_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
    note: 'Read from the Japanese copy of the page (docs.coreweave.com/ja/...).',
  },
  {
    provider: 'coreweave',
    models: ['deepseek-ai/DeepSeek-V4-Pro'],
    retiresOn: '2026-10-05',
    deprecatedOn: '2026-09-04',
    replacement: 'deepseek-ai/DeepSeek-V4-Pro-0813',
    source: COREWEAVE_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
    note: 'Read from the Japanese copy of the page (docs.coreweave.com/ja/...).',
  },
  {
    provider: 'coreweave',
    models: ['ibm-granite/granite-4.1-8b'],
    retiresOn: '2026-10-05',
    deprecatedOn: '2026-09-04',
    source: COREWEAVE_SOURCE,
    sourceKind: 'primary',
    checkedOn: CHECKED,
    note: 'Read from the Japanese copy of the page (docs.coreweave.com/ja/...); the replacement was cut off in the stored copy.',
  },
];
