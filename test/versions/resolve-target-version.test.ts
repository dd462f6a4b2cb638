import { describe, expect, it } from 'vitest';
import { resolveTargetVersion } from '../../src/versions/resolve-target-version.ts';
import { DEFAULT_VERSIONS_POLICY, resolveVersionsPolicy } from '../../src/versions/resolve-versions-policy.ts';

describe('resolveTargetVersion', () => {
  it('should pin a snapshot model to itself', () => {
    expect(resolveTargetVersion({ providerType: 'openai', model: 'gpt-4o-2024-08-06' })).toMatchObject({ pin: 'gpt-4o-2024-08-06', pinSource: 'model' });
    expect(resolveTargetVersion({ providerType: 'vertex', model: 'gemini-2.0-flash-001' })).toMatchObject({ pin: 'gemini-2.0-flash-001', pinSource: 'model' });
  });

  it('should leave a floating model unpinned', () => {
    const version = resolveTargetVersion({ providerType: 'openai', model: 'gpt-4o' });
    expect(version.pin).toBeUndefined();
    expect(version.classification.kind).toBe('floating');
  });

  it('should prefer the configured pin', () => {
    expect(resolveTargetVersion({ providerType: 'openai', model: 'gpt-4o', pin: 'gpt-4o-2024-11-20' })).toMatchObject({ pin: 'gpt-4o-2024-11-20', pinSource: 'config' });
  });

  it('should classify an Azure deployment by the model version configured for it', () => {
    const deployments = { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' }, chat: { model: 'gpt-4o' } };
    expect(resolveTargetVersion({ providerType: 'azure-openai', model: 'prod-gpt4o', deployments })).toMatchObject({
      versionModel: 'gpt-4o-2024-08-06',
      pin: 'gpt-4o-2024-08-06',
      pinSource: 'deployment',
      classification: { kind: 'snapshot' },
    });
    expect(resolveTargetVersion({ providerType: 'azure-openai', model: 'chat', deployments })).toMatchObject({ versionModel: 'gpt-4o', classification: { kind: 'floating' } });
  });

  it('should call an Azure deployment missing from deployments unknown, even when its name looks like a model', () => {
    const version = resolveTargetVersion({ providerType: 'azure-openai', model: 'gpt-4o-2024-08-06', deployments: {} });
    expect(version.pin).toBeUndefined();
    expect(version).toMatchObject({ versionModel: undefined, classification: { kind: 'unknown' } });
    expect(version.classification.reason).toContain("deployment 'gpt-4o-2024-08-06'");
  });

  it('should leave CoreWeave catalog ids unpinned unless the config pins them', () => {
    expect(resolveTargetVersion({ providerType: 'coreweave', model: 'meta-llama/Llama-3.3-70B-Instruct' }).pin).toBeUndefined();
    expect(resolveTargetVersion({ providerType: 'coreweave', model: 'llama', pin: 'meta-llama/Llama-3.3-70B-Instruct' }).pin).toBe('meta-llama/Llama-3.3-70B-Instruct');
  });
});

describe('resolveVersionsPolicy', () => {
  it('should default to floating warn, onDrift warn and 90 days', () => {
    expect(resolveVersionsPolicy()).toEqual({ floating: 'warn', onDrift: 'warn', retirementWarningDays: 90 });
    expect(DEFAULT_VERSIONS_POLICY.retirementWarningDays).toBe(90);
  });

  it('should let an alias override the top level key by key', () => {
    expect(resolveVersionsPolicy({ floating: 'error', onDrift: 'failover', retirementWarningDays: 30 }, { onDrift: 'error' })).toEqual({
      floating: 'error',
      onDrift: 'error',
      retirementWarningDays: 30,
    });
  });
});
