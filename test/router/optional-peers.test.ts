import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.ts';
import { ProviderUnavailableError } from '../../src/errors/provider-unavailable-error.ts';
import { SwitchyardError } from '../../src/errors/switchyard-error.ts';
import { loadPackage } from '../../src/runtime/load-package.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { network } from '../setup/network.ts';
import { ask } from './helpers/make-switchyard.ts';

// Which optional peers count as installed, per test; and the peers themselves, failing to load as a broken install does.
const installed = new Set<string>();
vi.mock('../../src/runtime/is-package-installed.ts', () => ({ isPackageInstalled: (name: string) => installed.has(name) }));
vi.mock('@azure/identity', () => {
  throw new Error("Cannot find module '@azure/msal-node'");
});
vi.mock('google-auth-library', () => {
  throw new Error("Cannot find module 'gaxios'");
});

afterEach(() => installed.clear());

const openai = { type: 'openai', apiKey: 'sk-proj-peers-0001', baseURL: 'https://backup.example/v1' };
const azure = { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', credential: 'default', apiVersion: '2024-10-21', deployments: { chat: { model: 'gpt-4o-2024-08-06' } } };
const vertex = { type: 'vertex', project: 'acme-prod', location: 'europe-west4', apiVersion: 'v1' };
const createError = (config: Record<string, unknown>) => {
  try {
    createSwitchyard({ ...config, ledger: { type: 'none' } } as never, { env: {}, telemetry: false });
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('createSwitchyard did not throw');
};

describe('optional peer dependencies', () => {
  it('should report a missing @azure/identity at createSwitchyard, naming providers.<id>.credential', () => {
    const error = createError({ providers: { 'azure-east': azure, openai } });
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.issues).toEqual([
      { path: 'providers.azure-east.credential', message: "credential: 'default' uses DefaultAzureCredential from the optional package @azure/identity, which is not installed: run npm install @azure/identity@^4, or use apiKey instead." },
    ]);
  });

  it('should report a missing google-auth-library at createSwitchyard for Vertex with Application Default Credentials', () => {
    const error = createError({ providers: { vertex } });
    expect(error.issues).toEqual([{ path: 'providers.vertex', message: expect.stringMatching(/^no accessToken or apiKey is set, so Vertex AI uses Application Default Credentials, which need the optional package google-auth-library, not installed: npm install google-auth-library@\^10/) }]);
    // With a token, ADC (and so the package) is not needed.
    expect(() => createSwitchyard({ providers: { vertex: { ...vertex, accessToken: 'ya29.test' } }, ledger: { type: 'none' } }, { env: {}, telemetry: false })).not.toThrow();
  });

  it('should fail over when an installed peer fails to load at call time (Azure, then Vertex)', async () => {
    installed.add('@azure/identity').add('google-auth-library');
    const backup = createOpenAIMock({ baseURL: 'https://backup.example/v1', script: { type: 'text', text: 'served by the fallback' } });
    network.use(...backup.handlers);
    const sy = createSwitchyard(
      {
        providers: { 'azure-east': azure, vertex, openai },
        models: { chat: { targets: [{ provider: 'azure-east', model: 'chat' }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
        ledger: { type: 'none' },
      },
      { env: {}, telemetry: false },
    );
    const result = await sy.chat({ model: 'chat', messages: ask('Hello') });
    expect(result.text).toBe('served by the fallback');
    expect(result.attempts.map((a) => `${a.provider}:${a.outcome}:${a.errorCode ?? ''}`)).toEqual(['azure-east:error:unavailable', 'vertex:error:unavailable', 'openai:success:']);
    expect(result.attempts[0]?.reason).toContain('npm install @azure/identity@^4');
    expect(result.attempts[1]?.reason).toContain('npm install google-auth-library@^10');
    expect(backup.requests).toHaveLength(1);
    await sy.close();
  });

  it('should classify a peer that fails at call time as ProviderUnavailableError (status 0, not retryable)', async () => {
    installed.add('@azure/identity');
    const { createAzureOpenAI } = await import('../../adapters/azure-openai/index.ts');
    const error = await createAzureOpenAI({ endpoint: azure.endpoint, credential: 'default', id: 'azure-east' }).chat({ model: 'chat', messages: ask('Hi') }).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unavailable', status: 0, retryable: false, provider: 'azure-east' });
  });

  it('should name the package to install when a peer is missing', () => {
    const error = (() => {
      try {
        loadPackage('switchyard-test-no-such-package', 'switchyard/testing makes msw handlers, and msw (an optional peer dependency) is not installed: npm install --save-dev msw@^3');
      } catch (e) {
        return e as SwitchyardError;
      }
    })();
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'missing_dependency', message: 'switchyard/testing makes msw handlers, and msw (an optional peer dependency) is not installed: npm install --save-dev msw@^3' });
  });
});
