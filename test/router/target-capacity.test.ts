import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { providerRegistry } from '../../src/config/provider-registry.ts';
import { expectedCapacity, resolveCapacity, targetCapacity } from '../../src/router/target-capacity.ts';

const type = (name: string) => providerRegistry.get(name);

const ptuBilling = { type: 'provisioned' };
const ask = { model: 'chat', messages: [] };

describe('targetCapacity', () => {
  it('should expect an Azure deployment on a PTU-billed resource to be provisioned, unless it is a standard or spillover deployment', () => {
    const provider = { billing: ptuBilling, deployments: { ptu: { model: 'gpt-4o' }, paygo: { model: 'gpt-4o' }, std: { model: 'gpt-4o', capacity: 'standard' } }, spillover: { deployment: 'paygo' } };
    expect(targetCapacity(type('azure-openai'), provider, { model: 'ptu' })).toMatchObject({ expected: 'provisioned', served: { tier: 'provisioned' }, spillover: 'paygo' });
    expect(targetCapacity(type('azure-openai'), provider, { model: 'paygo' })).toMatchObject({ expected: 'standard' });
    expect(targetCapacity(type('azure-openai'), provider, { model: 'std' })).toMatchObject({ expected: 'standard' });
    expect(targetCapacity(type('azure-openai'), { billing: ptuBilling }, { model: 'other-paygo' }, new Set(['other-paygo']))).toMatchObject({ expected: 'standard' });
    expect(targetCapacity(type('azure-openai'), {}, { model: 'x', serviceTier: 'priority' })).toMatchObject({ expected: 'priority', request: { serviceTier: 'priority' } });
  });

  it('should expect Vertex by requestType, and leave Provisioned Throughput that overflows open', () => {
    expect(targetCapacity(type('vertex'), {}, { model: 'g' }).expected).toBe('on-demand');
    expect(targetCapacity(type('vertex'), { billing: ptuBilling }, { model: 'g' }).expected).toBeNull();
    expect(targetCapacity(type('vertex'), { billing: ptuBilling, requestType: 'provisioned' }, { model: 'g' }).expected).toBe('provisioned');
    expect(targetCapacity(type('vertex'), { billing: ptuBilling }, { model: 'g', requestType: 'priority' }).expected).toBeNull();
    expect(targetCapacity(type('vertex'), {}, { model: 'g', requestType: 'flex' })).toMatchObject({ expected: 'flex', request: { requestType: 'flex' } });
    expect(targetCapacity(type('vertex'), { billing: ptuBilling }, { model: 'g', requestType: 'shared' }).expected).toBe('on-demand');
  });

  it('should expect the other types from billing, and a custom type without expectedCapacity only from billing', () => {
    expect(targetCapacity(type('openai'), {}, { model: 'o3' }).expected).toBe('standard');
    expect(targetCapacity(type('coreweave'), {}, { model: 'llama' }).expected).toBe('on-demand');
    expect(targetCapacity(type('coreweave'), { billing: { type: 'gpu-hours' } }, { model: 'llama' }).expected).toBe('provisioned');
    expect(targetCapacity(type('acme-llm'), {}, { model: 'x' })).toMatchObject({ expected: undefined, served: undefined });
    expect(targetCapacity(type('acme-llm'), { billing: { type: 'gpu-hours' } }, { model: 'x' })).toMatchObject({ expected: 'provisioned' });
    expect(targetCapacity(type('oci'), {}, { model: 'x' }).expected).toBe('on-demand');
  });

  it('should let what the answer said win, fill in the configured spillover deployment, and follow a request’s own tier', () => {
    const capacity = targetCapacity(type('azure-openai'), { billing: ptuBilling, spillover: { deployment: 'paygo' } }, { model: 'ptu' });
    expect(resolveCapacity(capacity, ask, undefined)).toEqual({ tier: 'provisioned' });
    expect(resolveCapacity(capacity, ask, { tier: 'spillover', raw: 'x-ms-spillover-from-ptu: ptu' })).toEqual({ tier: 'spillover', raw: 'x-ms-spillover-from-ptu: ptu', deployment: 'paygo' });
    const openai = targetCapacity(type('openai'), {}, { model: 'o3' });
    expect(expectedCapacity(openai, { ...ask, serviceTier: 'flex' })).toBe('flex');
    expect(resolveCapacity(openai, { ...ask, serviceTier: 'flex' }, undefined)).toEqual({ tier: 'flex' });
    expect(resolveCapacity(openai, ask, { tier: null, raw: 'scale' })).toEqual({ tier: null, raw: 'scale' });
    const vertex = targetCapacity(type('vertex'), { billing: ptuBilling }, { model: 'g' });
    expect(resolveCapacity(vertex, ask, undefined)).toBeUndefined();
    expect(resolveCapacity(vertex, { ...ask, requestType: 'provisioned' }, undefined)).toEqual({ tier: 'provisioned' });
  });
});

describe('capacity settings in the config', () => {
  const issues = (config: object) => {
    try {
      loadConfig(config as never, { env: {} });
      return [];
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      return error.issues;
    }
  };
  const providers = {
    azure: { type: 'azure-openai', endpoint: 'https://contoso.openai.azure.com', apiKey: 'k0000000000000000', spillover: { deployment: 'paygo' } },
    vertex: { type: 'vertex', project: 'acme', accessToken: 'ya29.x', requestType: 'flex' },
    openai: { type: 'openai', apiKey: 'sk-000000000000' },
  };

  it('should accept each setting on a target of a provider that uses it', () => {
    expect(
      issues({
        providers,
        models: {
          chat: {
            targets: [
              { provider: 'azure', model: 'ptu', spillover: { deployment: 'paygo-eu' }, serviceTier: 'priority' },
              { provider: 'vertex', model: 'gemini-2.5-pro', requestType: 'priority' },
              { provider: 'openai', model: 'o3', serviceTier: 'flex' },
            ],
          },
        },
      }),
    ).toEqual([]);
  });

  it('should refuse a setting the target’s provider would ignore, and a malformed one, naming each', () => {
    expect(
      issues({
        providers,
        models: {
          chat: {
            targets: [
              { provider: 'openai', model: 'o3', spillover: { deployment: 'paygo' } },
              { provider: 'azure', model: 'ptu', requestType: 'provisioned' },
              { provider: 'vertex', model: 'g', requestType: 'dedicated' },
              { provider: 'azure', model: 'ptu', spillover: { name: 'paygo' } },
            ],
          },
        },
      }).map((i) => i.path),
    ).toEqual(['models.chat.targets[2].requestType', 'models.chat.targets[3].spillover.deployment', 'models.chat.targets[3].spillover.name', 'models.chat.targets[0].spillover', 'models.chat.targets[1].requestType']);
  });
});

describe('the README capacity tiers example', () => {
  it('should be a valid config whose targets expect the tiers it describes', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Capacity tiers'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] as string;
    const config = loadConfig(parse(yaml), { env: { AZURE_OPENAI_API_KEY: 'k0000000000000000', OPENAI_API_KEY: 'sk-000000000000', GOOGLE_CLOUD_PROJECT: 'acme-prod' } });
    const [azure, vertex, openai] = config.models.chat?.targets ?? [];
    expect(targetCapacity(type('azure-openai'), config.providers['azure-ptu'] as never, azure as never)).toMatchObject({ expected: 'provisioned', spillover: 'gpt4o-paygo' });
    expect(targetCapacity(type('vertex'), config.providers.vertex as never, vertex as never).expected).toBe('priority');
    expect(targetCapacity(type('openai'), config.providers.openai as never, openai as never)).toMatchObject({ expected: 'flex', request: { serviceTier: 'flex' } });
  });
});
