import { describe, expect, it } from 'vitest';
import type { SwitchyardConfig } from '../../src/config/switchyard-config-schema.ts';
import { checkConfigVersions } from '../../src/versions/check-config-versions.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
type VersionConfig = Pick<SwitchyardConfig, 'providers' | 'models' | 'versions'>;

const providers: VersionConfig['providers'] = {
  openai: { type: 'openai', apiKey: 'sk-test' },
  'azure-east': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' }, 'prod-51': { model: 'gpt-5.1-2025-11-13' } } },
  vertex: { type: 'vertex', project: 'acme', location: 'europe-west4', apiVersion: 'v1' },
  serverless: { type: 'coreweave', apiKey: 'cw-test' },
  cks: { type: 'coreweave', baseURL: 'https://llm.acme.example/v1' },
};

function config(models: VersionConfig['models'], versions?: VersionConfig['versions']): VersionConfig {
  return { providers, models, versions };
}

describe('checkConfigVersions', () => {
  it('should warn about a floating model by default', () => {
    const report = checkConfigVersions(config({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5' }] } }), NOW);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'floating-model', alias: 'chat', provider: 'openai', model: 'gpt-5.5', path: 'models.chat.targets[0]' }),
    ]);
    expect(report.warnings[0].message).toContain("model 'gpt-5.5' floats");
  });

  it('should make a floating model a config error under floating: error, naming the alias and target', () => {
    const report = checkConfigVersions(config({ chat: { targets: [{ provider: 'vertex', model: 'gemini-3.5-flash' }] } }, { floating: 'error' }), NOW);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].path).toBe('models.chat.targets[0].model');
    expect(report.errors[0].message).toContain("'gemini-3.5-flash' floats");
    expect(report.errors[0].message).toContain("versions.floating is 'error'");
    expect(report.warnings).toEqual([]);
  });

  it('should say nothing about a floating model under floating: allow', () => {
    const report = checkConfigVersions(config({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5' }] } }, { floating: 'allow' }), NOW);
    expect(report).toMatchObject({ errors: [], warnings: [] });
  });

  it('should let an alias relax the top-level policy', () => {
    const report = checkConfigVersions(
      config({ strict: { targets: [{ provider: 'openai', model: 'gpt-5.5' }] }, lab: { targets: [{ provider: 'openai', model: 'gpt-5.5' }], versions: { floating: 'allow' } } }, { floating: 'error' }),
      NOW,
    );
    expect(report.errors.map((e) => e.path)).toEqual(['models.strict.targets[0].model']);
  });

  it('should accept a floating model with a snapshot pin, and warn about a floating pin', () => {
    const pinned = checkConfigVersions(config({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5', pin: 'gpt-5.5-2026-04-23' }] } }, { floating: 'error' }), NOW);
    expect(pinned).toMatchObject({ errors: [], warnings: [] });
    const floatingPin = checkConfigVersions(config({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5', pin: 'gpt-5.5' }] } }), NOW);
    expect(floatingPin.warnings.map((w) => w.code)).toEqual(['floating-pin']);
  });

  it('should check an Azure deployment by its model version, and flag one that is not listed', () => {
    const report = checkConfigVersions(config({ chat: { targets: [{ provider: 'azure-east', model: 'prod-51' }, { provider: 'azure-east', model: 'gpt-4o' }] } }), NOW);
    expect(report.checks[0].version).toMatchObject({ versionModel: 'gpt-5.1-2025-11-13', pin: 'gpt-5.1-2025-11-13', pinSource: 'deployment' });
    expect(report.warnings.map((w) => [w.code, w.path])).toEqual([['unversioned-deployment', 'models.chat.targets[1]']]);
    expect(report.warnings[0].message).toContain('providers.azure-east.deployments');
  });

  it('should warn about a retirement inside the window and one already past', () => {
    const report = checkConfigVersions(
      config({
        chat: {
          targets: [
            { provider: 'openai', model: 'gpt-4o-2024-08-06' },
            { provider: 'azure-east', model: 'prod-gpt4o' },
            { provider: 'vertex', model: 'gemini-2.0-flash-001' },
          ],
        },
      }),
      NOW,
    );
    expect(report.warnings.map((w) => [w.code, w.retiresOn, w.daysLeft])).toEqual([
      ['model-retiring', '2027-01-14', 52],
      ['model-retired', '2026-10-01', -53],
      ['model-retired', '2026-06-01', -175],
    ]);
    expect(report.warnings[0].message).toContain("'gpt-4o-2024-08-06' retires on 2027-01-14, in 52 day(s)");
    expect(report.warnings[0].source).toBe('https://developers.openai.com/api/docs/deprecations');
  });

  it('should honour retirementWarningDays', () => {
    const models = { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } };
    expect(checkConfigVersions(config(models, { retirementWarningDays: 30 }), NOW).warnings).toEqual([]);
    expect(checkConfigVersions(config(models, { retirementWarningDays: 60 }), NOW).warnings.map((w) => w.code)).toEqual(['model-retiring']);
  });

  it('should apply CoreWeave retirements to Serverless Inference only, and never call its ids floating', () => {
    const report = checkConfigVersions(
      config({ oss: { targets: [{ provider: 'serverless', model: 'deepseek-ai/DeepSeek-V3-0324' }, { provider: 'cks', model: 'deepseek-ai/DeepSeek-V3-0324' }] } }, { floating: 'error' }),
      NOW,
    );
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => [w.code, w.provider])).toEqual([['model-retired', 'serverless']]);
  });
});
