import { describe, expect, it } from 'vitest';
import { findModelRetirement, retirementStatus } from '../../src/versions/find-model-retirement.ts';
import { MODEL_RETIREMENTS } from '../../src/versions/model-retirements.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const at = (iso: string) => Date.parse(iso);

describe('MODEL_RETIREMENTS', () => {
  it('should give every entry a real date, a source URL, its kind and the date it was checked', () => {
    for (const entry of MODEL_RETIREMENTS) {
      expect(entry.retiresOn, entry.models.join()).toMatch(ISO_DATE);
      expect(Number.isNaN(Date.parse(entry.retiresOn))).toBe(false);
      if (entry.deprecatedOn !== undefined) expect(entry.deprecatedOn < entry.retiresOn).toBe(true);
      expect(entry.source).toMatch(/^https:\/\//);
      expect(['primary', 'secondary']).toContain(entry.sourceKind);
      expect(entry.checkedOn).toMatch(ISO_DATE);
      expect(entry.models.length).toBeGreaterThan(0);
    }
  });

  it('should cover each of the four providers', () => {
    expect(new Set(MODEL_RETIREMENTS.map((e) => e.provider))).toEqual(new Set(['openai', 'azure-openai', 'vertex', 'coreweave']));
  });

  it('should not list a model twice for one provider and date', () => {
    const seen = new Set<string>();
    for (const entry of MODEL_RETIREMENTS) {
      for (const model of entry.models) {
        const key = `${entry.provider}|${model.toLowerCase()}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });
});

describe('findModelRetirement', () => {
  it('should find an OpenAI snapshot and its alias', () => {
    expect(findModelRetirement({ providerType: 'openai', model: 'gpt-4o-2024-08-06' })?.retiresOn).toBe('2027-01-14');
    expect(findModelRetirement({ providerType: 'openai', model: 'GPT-4o' })?.retiresOn).toBe('2027-01-14');
  });

  it('should find an Azure model by the version deployed', () => {
    expect(findModelRetirement({ providerType: 'azure-openai', model: 'gpt-4.1-2025-04-14' })?.retiresOn).toBe('2026-10-14');
  });

  it('should not mix up providers', () => {
    expect(findModelRetirement({ providerType: 'vertex', model: 'gpt-4o-2024-08-06' })).toBeUndefined();
    expect(findModelRetirement({ providerType: 'openai', model: 'gpt-6-luna' })).toBeUndefined();
  });

  it('should apply CoreWeave entries to Serverless Inference only', () => {
    expect(findModelRetirement({ providerType: 'coreweave', model: 'deepseek-ai/DeepSeek-V3-0324' })?.retiresOn).toBe('2026-03-04');
    expect(findModelRetirement({ providerType: 'coreweave', model: 'deepseek-ai/DeepSeek-V3-0324', baseURL: 'https://api.inference.wandb.ai/v1' })).toBeDefined();
    expect(findModelRetirement({ providerType: 'coreweave', model: 'deepseek-ai/DeepSeek-V3-0324', baseURL: 'https://llm.acme.example/v1' })).toBeUndefined();
  });

  it('should prefer the earliest date when entries overlap', () => {
    const list = [
      { provider: 'openai' as const, models: ['m'], retiresOn: '2027-02-01', source: 'https://a', sourceKind: 'primary' as const, checkedOn: '2026-11-23' },
      { provider: 'openai' as const, models: ['m'], retiresOn: '2027-01-01', source: 'https://b', sourceKind: 'secondary' as const, checkedOn: '2026-11-23' },
    ];
    expect(findModelRetirement({ providerType: 'openai', model: 'm' }, list)?.source).toBe('https://b');
  });
});

describe('retirementStatus', () => {
  const entry = { provider: 'openai' as const, models: ['m'], retiresOn: '2027-01-14', source: 'https://a', sourceKind: 'primary' as const, checkedOn: '2026-11-23' };

  it('should count whole days left, rounding up', () => {
    expect(retirementStatus(entry, at('2026-11-23T14:00:00Z'))).toMatchObject({ daysLeft: 52, retired: false });
    expect(retirementStatus(entry, at('2027-01-13T23:59:00Z'))).toMatchObject({ daysLeft: 1, retired: false });
  });

  it('should call a model retired from the start of its retirement date', () => {
    expect(retirementStatus(entry, at('2027-01-14T00:00:00Z'))).toMatchObject({ daysLeft: 0, retired: true });
    expect(retirementStatus(entry, at('2027-02-01T00:00:00Z')).retired).toBe(true);
  });
});
