import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { findUndocumentedKeys } from '../../scripts/config-reference/find-undocumented-keys.ts';
import { generateConfigReference, REFERENCE_FILES } from '../../scripts/config-reference/generate-config-reference.ts';
import { documentKeys } from '../../src/config/document-keys.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { providerRegistry } from '../../src/config/provider-registry.ts';
import { readConfigFile } from '../../src/config/read-config-file.ts';
import { configSchemaErrors } from './config-schema-validator.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const generated = generateConfigReference();
const errorsOf = configSchemaErrors;

/** Every config file in the repository that users read or copy: the demo's and the examples'. */
const CONFIG_FILES = ['demo/switchyard.demo.yaml', ...readdirSync(join(root, 'examples')).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `examples/${f}`)];

describe('the config reference (docs/config.md) and JSON Schema (switchyard.schema.json)', () => {
  it('should be up to date with the zod schemas (else run npm run docs:config)', () => {
    expect(read(REFERENCE_FILES.markdown), 'docs/config.md is stale: run npm run docs:config').toBe(generated.markdown);
    expect(read(REFERENCE_FILES.schema), 'switchyard.schema.json is stale: run npm run docs:config').toBe(generated.schema);
  });

  it('should describe every provider type of the registry, and every key', () => {
    for (const [type, definition] of providerRegistry) {
      expect(generated.markdown).toContain(`### \`type: ${type}\``);
      for (const key of Object.keys(definition.configSchema.shape)) expect(generated.markdown).toContain(`| \`${key}\` |`);
    }
    for (const key of ['providers', 'models', 'defaults', 'circuitBreaker', 'versions', 'ledger', 'budgets', 'retry', 'timeouts', 'fallbackOn', 'hedge', 'targets', 'pin']) expect(generated.markdown).toContain(`| \`${key}\` |`);
    expect(generated.markdown).toContain('.switchyard/ledger.sqlite');
    expect(generated.undocumented).toEqual([]);
  });

  it('should find a key without a description of its own, also one that wraps a schema another key documented', () => {
    // A key added to a schema later: `late` reuses the number schema that `early` documents, as `positiveMs` is reused.
    const shared = z.number().int().positive();
    const schema = z.strictObject({
      early: shared,
      late: shared.optional(),
      nested: z.strictObject({ type: z.literal('a'), inner: z.string() }).optional(),
      listed: z.array(z.strictObject({ item: z.boolean() })).optional(),
      mapped: z.record(z.string(), z.union([z.strictObject({ value: z.number() }), z.literal(false)])).optional(),
    });
    documentKeys(schema, { early: { description: 'Documented.' }, listed: { description: 'A list.' } }, 'test');
    // The JSON Schema shows `late` with the description of `early`: only the zod schemas tell that it has none.
    expect((z.toJSONSchema(schema).properties as Record<string, { description?: string }>).late?.description).toBe('Documented.');
    expect(findUndocumentedKeys(schema, 'x')).toEqual(['x.late', 'x.nested', 'x.nested.inner', 'x.listed[].item', 'x.mapped', 'x.mapped.<name>.value']);
  });

  it.each(CONFIG_FILES)('should accept %s', (file) => {
    // Read as Switchyard reads it (YAML 1.2 core schema, unquoted ${…} in flow mappings), references kept as written.
    expect(errorsOf(readConfigFile(join(root, file)).value)).toEqual([]);
  });

  it('should reject what the config loader rejects: unknown keys, a wrong type, a key of another provider type', () => {
    const base = { providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } } };
    expect(errorsOf(base)).toEqual([]);
    expect(errorsOf({ ...base, modles: {} })).toContainEqual(' must NOT have additional properties');
    expect(errorsOf({ providers: { openai: { type: 'openai', apiKey: 'k', deployments: {} } } }).join()).toContain('must NOT have additional properties');
    expect(errorsOf({ ...base, models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o' }], retry: { attempts: 0 } } } })).toContainEqual('/models/chat/retry/attempts must be >= 1');
    expect(errorsOf({ ...base, ledger: { type: 'sqlit' } }).length).toBeGreaterThan(0);
    expect(errorsOf({ providers: {} })).toContainEqual('/providers must NOT have fewer than 1 properties');
    expect(errorsOf({ providers: { azure: { type: 'azure-openai', endpoint: 'not a url' } } }).join()).toContain('must match format "uri"');
  });

  it('should let a JSON config name its schema with $schema, as editors expect', () => {
    const config = { $schema: './node_modules/switchyard/switchyard.schema.json', providers: { openai: { type: 'openai', apiKey: 'sk-test' } } };
    expect(errorsOf(config)).toEqual([]);
    expect(Object.keys(loadConfig(config, { env: {} }).providers)).toEqual(['openai']);
  });

  it('should accept ${ENV} references where a string has a format, and provider types registered in code', () => {
    expect(errorsOf({ providers: { azure: { type: 'azure-openai', endpoint: '${AZURE_OPENAI_ENDPOINT}', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: '${AZURE_API_VERSION:-2024-10-21}' } } })).toEqual([]);
    expect(errorsOf({ providers: { mine: { type: 'my-custom-llm', anything: true } } })).toEqual([]);
  });
});
