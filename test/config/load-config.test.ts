import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError, type ConfigIssue } from '../../src/errors/index.ts';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';

const SECRET = 'sk-proj-Zx81kQ2mN5vB7cR9tY3wE6uI0oP4aS8d';

/** A provider type with keys like Azure's, so these tests do not depend on one adapter's schema. */
const azureLike: ProviderDefinition = {
  type: 'azure-like',
  configSchema: z.strictObject({
    endpoint: z.url(),
    apiKey: z.string().min(1),
    apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$|^v1$/, 'expected an api-version such as 2024-10-21, 2025-04-01-preview or v1'),
    deployments: z.record(z.string(), z.strictObject({ model: z.string() })).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  create: () => {
    throw new Error('not used');
  },
};

const options = (env: Record<string, string> = {}) => ({ env, providers: [azureLike] });
const base = () => ({
  providers: {
    'azure-east': { type: 'azure-like', endpoint: 'https://contoso-east.openai.azure.com', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: '2024-10-21', tags: ['eu'] },
    openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
  },
  models: { chat: { targets: [{ provider: 'azure-east', model: 'gpt-4o' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
});
const env = { AZURE_OPENAI_API_KEY: SECRET, OPENAI_API_KEY: `${SECRET}-2` };

function issuesOf(config: unknown, environment: Record<string, string> = env): ConfigIssue[] {
  try {
    loadConfig(config as never, options(environment));
  } catch (error) {
    if (ConfigError.isInstance(error)) {
      expect(error.message).not.toContain(SECRET);
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

// Bad configs are built by editing a good one; `any` lets them hold what the types would refuse.
function edit(mutate: (config: any) => void) {
  const config: any = base();
  mutate(config);
  return config;
}

describe('loadConfig: bad configs and the messages they must produce', () => {
  const table: Array<[string, unknown, ConfigIssue[], Record<string, string>?]> = [
    ['a missing environment variable, named with its path', base(), [{ path: 'providers.openai.apiKey', message: 'environment variable OPENAI_API_KEY is not set (or is empty); it is used here as ${OPENAI_API_KEY}. Set it, or give a default with ${OPENAI_API_KEY:-value}' }], { AZURE_OPENAI_API_KEY: SECRET }],
    ['a malformed reference', edit((c) => (c.providers.openai.apiKey = '${OPENAI-KEY}')), [{ path: 'providers.openai.apiKey', message: 'malformed reference ${OPENAI-KEY}: expected ${NAME} or ${NAME:-default}, where NAME has letters, digits and _ (write $${ for a literal ${)' }]],
    ['an unknown top-level key, with the likely meaning', edit((c) => (c.model = {})), [{ path: 'model', message: 'unknown key "model". Did you mean "models"? Expected one of: providers, models, defaults, circuitBreaker, versions, ledger, budgets, state, gateway.' }]],
    ['an unknown key in an alias', edit((c) => (c.models.chat.timeout = { totalMs: 1000 })), [{ path: 'models.chat.timeout', message: 'unknown key "timeout". Did you mean "timeouts"? Expected one of: strategy, retry, timeouts, fallbackOn, hedge, limits, circuitBreaker, targets, require, versions.' }]],
    ['an unknown key in a target', edit((c) => (c.models.chat.targets[1].wieght = 2)), [{ path: 'models.chat.targets[1].wieght', message: 'unknown key "wieght". Did you mean "weight"? Expected one of: provider, model, weight, costHint, capabilities, pin, api, publisher, spillover, requestType, serviceTier, limits.' }]],
    ['an unknown adapter key, listing the adapter and common keys', edit((c) => (c.providers.openai.apikey = SECRET)), [{ path: 'providers.openai.apikey', message: 'unknown key "apikey". Did you mean "apiKey"? Expected one of: apiKey, baseURL, organization, project, headers, api, type, tags, capabilities, prices, billing, limits.' }]],
    ['an unknown provider type', edit((c) => (c.providers.openai.type = 'azure-openia')), [{ path: 'providers.openai.type', message: expect.stringMatching(/^expected one of openai \| .*azure-like, found "azure-openia"\./) as unknown as string }]],
    ['a target naming a provider that does not exist', edit((c) => (c.models.chat.targets[1].provider = 'opnai')), [{ path: 'models.chat.targets[1].provider', message: 'expected one of the configured providers (azure-east, openai), found "opnai". Did you mean "openai"?' }]],
    ['a strategy that does not exist', edit((c) => ((c.models.chat as any).strategy = 'fastest')), [{ path: 'models.chat.strategy', message: 'expected one of priority | weighted | round-robin | least-latency | lowest-cost, found "fastest"' }]],
    ['an unknown fallbackOn class', edit((c) => ((c.models.chat as any).fallbackOn = ['rate-limit', '5xx'])), [{ path: 'models.chat.fallbackOn[1]', message: 'expected one of rate-limit | unavailable | timeout | connection | parse | context-length | content-filter | invalid-request | authentication | unsupported-feature | drift | quota, found "5xx"' }]],
    ['retry.attempts of 0', edit((c) => ((c.models.chat as any).retry = { attempts: 0 })), [{ path: 'models.chat.retry.attempts', message: 'expected a number >= 1, found 0' }]],
    ['a timeout given as a string', edit((c) => ((c.models.chat as any).timeouts = { totalMs: '60s' })), [{ path: 'models.chat.timeouts.totalMs', message: 'expected a number, found "60s"' }]],
    ['an alias without targets', edit((c) => (c.models.chat.targets = [])), [{ path: 'models.chat.targets', message: 'expected at least 1 item, found a list of 0 items' }]],
    ['a target without a model', edit((c) => delete (c.models.chat.targets[0] as any).model), [{ path: 'models.chat.targets[0].model', message: 'required: expected a string, found nothing' }]],
    ['hedging with one target', edit((c) => { c.models.chat.targets.pop(); (c.models.chat as any).hedge = { afterMs: 2000 }; }), [{ path: 'models.chat.hedge', message: 'hedging starts the next target beside a slow one, so it needs at least 2 targets, found 1' }]],
    ['require.tags no provider has', edit((c) => ((c.models.chat as any).require = { tags: ['us'] })), [{ path: 'models.chat.require.tags', message: "no target's provider has all of the tags us, so every call would fail; tags are set per provider (providers.<id>.tags)" }]],
    ['minDelayMs above maxDelayMs', edit((c) => ((c.models.chat as any).retry = { minDelayMs: 5000, maxDelayMs: 1000 })), [{ path: 'models.chat.retry.minDelayMs', message: 'expected at most retry.maxDelayMs (1000), found 5000' }]],
    ['an invalid URL', edit((c) => (c.providers['azure-east'].endpoint = 'contoso-east.openai.azure.com')), [{ path: 'providers.azure-east.endpoint', message: 'expected a URL such as https://example.com, found "contoso-east.openai.azure.com"' }]],
    ['an api-version that does not match, with its own message', edit((c) => (c.providers['azure-east'].apiVersion = '2024-10')), [{ path: 'providers.azure-east.apiVersion', message: 'expected an api-version such as 2024-10-21, 2025-04-01-preview or v1, found "2024-10"' }]],
    ['a secret of the wrong type: its kind, never its value', edit((c) => ((c.providers.openai as any).apiKey = 12345678)), [{ path: 'providers.openai.apiKey', message: 'expected a string, found a number' }]],
    ['a ledger type that does not exist', edit((c) => (c.ledger = { type: 'redis' })), [{ path: 'ledger.type', message: 'expected one of sqlite | postgres | memory | none, found "redis"' }]],
    ['a price entry missing output', edit((c) => ((c.providers.openai as any).prices = { 'gpt-4o': { input: 2.5 } })), [{ path: 'providers.openai.prices.gpt-4o.output', message: 'required: expected a number, found nothing' }]],
    ['a budget with a bad tag, period and limit', edit((c) => (c.budgets = [{ provider: 'openai', tag: 'acme', period: 'week', limitUsd: 0 }])), [
      { path: 'budgets[0].tag', message: 'expected key=value, for example tenant=acme, found "acme"' },
      { path: 'budgets[0].period', message: 'expected one of day | month, found "week"' },
      { path: 'budgets[0].limitUsd', message: 'expected a number > 0, found 0' },
    ]],
    ['a budget naming an unknown alias', edit((c) => (c.budgets = [{ alias: 'chta', period: 'day', limitUsd: 5 }])), [{ path: 'budgets[0].alias', message: 'expected one of the configured aliases (chat), found "chta". Did you mean "chat"?' }]],
    ['a provider id with a colon', edit((c) => ((c.providers as any)['openai:eu'] = { type: 'openai', apiKey: 'x' })), [{ path: 'providers.openai:eu', message: 'a provider id cannot contain ":" (it separates the provider from the model in `providerId:model`)' }]],
    ['no providers at all', { providers: {} }, [{ path: 'providers', message: 'expected at least one provider, found none' }]],
    ['a versions policy that does not exist', edit((c) => (c.versions = { onDrift: 'ignore' })), [{ path: 'versions.onDrift', message: 'expected one of warn | error | failover, found "ignore"' }]],
  ];

  it.each(table)('should report %s', (_name, config, expected, environment) => {
    expect(issuesOf(config, environment)).toEqual(expected);
  });

  it('should report every problem at once, in one ConfigError naming the source', () => {
    const config = edit((c) => {
      c.models.chat.targets[1].provider = 'opnai';
      (c.models.chat as any).strategy = 'fastest';
      c.providers.openai.apikey = 'x';
    });
    const error = (() => {
      try {
        loadConfig(config as never, options({ AZURE_OPENAI_API_KEY: SECRET }));
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected an error');
    })();
    expect(error.code).toBe('config');
    expect(error.issues.map((i) => i.path)).toEqual(['providers.openai.apiKey', 'models.chat.strategy', 'providers.openai.apikey', 'models.chat.targets[1].provider']);
    expect(error.message.split('\n')[0]).toBe('Invalid Switchyard config in config object (4 problems):');
  });

  it('should never print a secret: not an interpolated value, not a value under a secret key', () => {
    const config = edit((c) => {
      c.providers['azure-east'].endpoint = '${AZURE_ENDPOINT}';
      c.providers['azure-east'].headers = { 'api-key': 5 };
      (c.providers.openai as any).apiKey = [SECRET];
    });
    const issues = issuesOf(config, { ...env, AZURE_ENDPOINT: `not-a-url-${SECRET}` });
    expect(issues).toEqual([
      { path: 'providers.azure-east.endpoint', message: 'expected a URL such as https://example.com, found a string of 50 characters (not shown: it is secret or comes from the environment)' },
      { path: 'providers.azure-east.headers.api-key', message: 'expected a string, found a number' },
      { path: 'providers.openai.apiKey', message: 'expected a string, found a list of 1 item' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('Zx81kQ2m');
  });

  it('should hide the password of a URL', () => {
    const issues = issuesOf(edit((c) => (c.ledger = { type: 'postgres', url: 'postgres://ledger:hunter2@db.internal/ledger', table: 5 })));
    expect(issues).toEqual([{ path: 'ledger.table', message: 'expected a string, found 5' }]);
    const bad = issuesOf(edit((c) => (c.providers['azure-east'].endpoint = 'https://user:hunter2@contoso openai')));
    expect(bad[0]?.message).toBe('expected a URL such as https://example.com, found "https://***@contoso openai"');
  });
});

describe('loadConfig: interpolation and values', () => {
  it('should interpolate ${NAME} and ${NAME:-default} in objects, and keep $${ literal', () => {
    const config = loadConfig(
      {
        providers: {
          openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}', baseURL: '${OPENAI_BASE_URL:-https://api.openai.com/v1}', headers: { 'x-team': 'team-${TEAM}', 'x-raw': '$${NOT_A_VAR}' } },
        },
      },
      { env: { OPENAI_API_KEY: SECRET, TEAM: 'search' } },
    );
    expect(config.providers.openai).toEqual({ type: 'openai', apiKey: SECRET, baseURL: 'https://api.openai.com/v1', headers: { 'x-team': 'team-search', 'x-raw': '${NOT_A_VAR}' } });
    expect(config.models).toEqual({});
    expect(config.source).toBe('config object');
  });

  it('should read the environment at call time by default', () => {
    process.env.SWITCHYARD_TEST_KEY = SECRET;
    try {
      expect(loadConfig({ providers: { openai: { type: 'openai', apiKey: '${SWITCHYARD_TEST_KEY}' } } }).providers.openai?.apiKey).toBe(SECRET);
    } finally {
      delete process.env.SWITCHYARD_TEST_KEY;
    }
  });

  it('should load YAML with apiVersion 2024-10-21 kept as a string, interpolated like objects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(
      file,
      [
        'providers:',
        '  azure-east:',
        '    type: azure-like',
        '    endpoint: https://contoso-east.openai.azure.com',
        '    apiKey: ${AZURE_OPENAI_API_KEY}',
        '    apiVersion: 2024-10-21',
        '    deployments: { gpt-4o: { model: gpt-4o-2024-08-06 } }',
        '    tags: [eu]',
        'models:',
        '  chat:',
        '    strategy: priority',
        '    targets:',
        '      - { provider: azure-east, model: gpt-4o, pin: gpt-4o-2024-08-06 }',
        '    retry: { attempts: 2, minDelayMs: 200, maxDelayMs: 10000 }',
        '    timeouts: { totalMs: 60000, attemptMs: 30000, firstTokenMs: 10000 }',
        '    fallbackOn: [rate-limit, unavailable, timeout, connection]',
        '    require: { tags: [eu] }',
        'ledger: { type: sqlite, path: ./ledger.sqlite }',
      ].join('\n'),
    );
    const config = loadConfig(file, options({ AZURE_OPENAI_API_KEY: SECRET }));
    expect(config.providers['azure-east']?.apiVersion).toBe('2024-10-21');
    expect(config.providers['azure-east']?.apiKey).toBe(SECRET);
    expect(config.models.chat?.targets[0]).toEqual({ provider: 'azure-east', model: 'gpt-4o', pin: 'gpt-4o-2024-08-06' });
    expect(config.source).toBe(file);
    expect(config.baseDir).toBe(dir);
  });

  it("should load the issue's example config as written, flow mappings with ${ENV} included", () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(
      file,
      `providers:
  azure-east:
    type: azure-openai            # openai | azure-openai | vertex | coreweave
    endpoint: https://contoso-east.openai.azure.com
    apiKey: \${AZURE_OPENAI_API_KEY}
    apiVersion: 2024-10-21
    deployments: { gpt-4o: { model: gpt-4o-2024-08-06 } }
    headers: {}                   # extra headers on every request
    tags: [eu]                    # for policies
  openai:  { type: openai, apiKey: \${OPENAI_API_KEY} }
  vertex:  { type: vertex, project: acme, location: europe-west4, apiVersion: v1 }
  coreweave: { type: coreweave, baseURL: https://llm.acme.example/v1, apiKey: \${CW_KEY} }
models:
  chat:
    strategy: priority            # priority | weighted | round-robin | least-latency | lowest-cost
    targets:
      - { provider: azure-east, model: gpt-4o }
      - { provider: openai, model: gpt-4o-2024-08-06, weight: 1 }
      - { provider: vertex, model: gemini-2.0-flash-001 }
    retry: { attempts: 2, minDelayMs: 200, maxDelayMs: 10000 }
    timeouts: { totalMs: 60000, attemptMs: 30000, firstTokenMs: 10000 }
    fallbackOn: [rate-limit, unavailable, timeout, connection]   # documented default
    hedge: { afterMs: 2000 }      # optional
    require: { tags: [eu] }       # optional policy
`,
    );
    // Stand-ins for the Azure and Vertex schemas, so that this test checks the loader, not those adapters.
    const azure = { ...azureLike, type: 'azure-openai' };
    const vertex: ProviderDefinition = { type: 'vertex', configSchema: z.strictObject({ project: z.string(), location: z.string(), apiVersion: z.enum(['v1', 'v1beta1']) }), create: azureLike.create };
    const config = loadConfig(file, { env: { AZURE_OPENAI_API_KEY: SECRET, OPENAI_API_KEY: 'sk-openai-key-1234', CW_KEY: 'cw-key-5678' }, providers: [azure, vertex] });
    expect(config.providers['azure-east']).toMatchObject({ apiKey: SECRET, apiVersion: '2024-10-21', deployments: { 'gpt-4o': { model: 'gpt-4o-2024-08-06' } }, tags: ['eu'] });
    expect(config.providers.openai).toEqual({ type: 'openai', apiKey: 'sk-openai-key-1234' });
    expect(config.providers.coreweave).toEqual({ type: 'coreweave', baseURL: 'https://llm.acme.example/v1', apiKey: 'cw-key-5678' });
    expect(config.providers.vertex?.apiVersion).toBe('v1');
    expect(config.models.chat).toMatchObject({ strategy: 'priority', hedge: { afterMs: 2000 }, timeouts: { totalMs: 60000, attemptMs: 30000, firstTokenMs: 10000 } });
  });

  it('should load JSON files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'switchyard.json');
    writeFileSync(file, JSON.stringify({ providers: { openai: { type: 'openai', apiKey: '${K:-sk-default-key}' } } }));
    expect(loadConfig(file, { env: {} }).providers.openai?.apiKey).toBe('sk-default-key');
  });

  it('should report YAML syntax errors and duplicate keys with their line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'providers:\n  openai: { type: openai }\n  openai: { type: openai }\n');
    expect(() => loadConfig(file, { env: {} })).toThrow(
      `Invalid Switchyard config in ${file} (1 problem):\n  - YAML syntax error at line 3, column 3: Map keys must be unique\n    2 |   openai: { type: openai }\n    3 |   openai: { type: openai }\n      |   ^`,
    );
  });

  it('should keep the code frame of a YAML syntax error, at the column as written, with secret values masked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'bad.yaml');
    // A reference before the error (its placeholder is longer than it) and a secret value on the line.
    writeFileSync(file, `providers:\n  openai: { type: openai, apiKey: \${OPENAI_API_KEY}, baseURL: https://x }, }\n  azure:\n    apiKey: ${SECRET}\n     type: azure-openai\n`);
    const message = (() => {
      try {
        loadConfig(file, { env: {} });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain(
      '  - YAML syntax error at line 2, column 74: Unexpected scalar at node end\n    1 | providers:\n    2 |   openai: { type: openai, apiKey: ${OPENAI_API_KEY}, baseURL: https://x }, }\n      |                                                                          ^',
    );
    expect(message).toContain('    4 |     apiKey: ***\n      |             ^');
    expect(message).not.toContain(SECRET);
    expect(message).not.toMatch(/YAML syntax error[^\n]*:$/m);
  });

  it('should report a JSON syntax error without quoting the text around it, which may be a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'switchyard.json');
    // An unquoted key: V8's own message quotes the text around the unexpected token.
    writeFileSync(file, `{"providers": {"openai": {"type": "openai", "apiKey": ${SECRET}}}}`);
    const error = (() => {
      try {
        loadConfig(file, { env: {} });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.issues).toEqual([
      { path: '', message: 'JSON syntax error: an unexpected character (the text around it is not shown, as it may hold a secret; check for an unquoted value or a missing comma)' },
    ]);
    expect(error?.message).not.toContain('sk-proj');
    // Errors that give a position quote nothing, and keep it.
    writeFileSync(file, `{"providers": {"openai": {"type": "openai", "apiKey": "${SECRET}",}}}`);
    expect(() => loadConfig(file, { env: {} })).toThrow(/JSON syntax error: Expected double-quoted property name in JSON at position \d+ \(line 1 column \d+\)$/);
  });

  it('should report a YAML alias without its anchor as a ConfigError, without the alias name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(file, `providers:\n  openai:\n    type: openai\n    apiKey: *${SECRET}\n`);
    const error = (() => {
      try {
        loadConfig(file, { env: {} });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error?.issues).toEqual([{ path: '', message: 'YAML error: an alias (*name) refers to an anchor (&name) defined nowhere before it; quote a value that starts with * or &' }]);
    expect(error?.message).not.toContain('sk-proj');
  });

  it('should say when the file does not exist', () => {
    expect(() => loadConfig('/nonexistent/switchyard.yaml', { env: {} })).toThrow('cannot read the config file /nonexistent/switchyard.yaml: the file does not exist');
  });
});
