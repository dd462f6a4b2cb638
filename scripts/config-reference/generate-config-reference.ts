import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load-config.ts';
import { buildConfigSchema } from './build-config-schema.ts';
import { renderConfigReference } from './render-config-reference.ts';

/** The files `npm run docs:config` writes, relative to the repository root. */
export const REFERENCE_FILES = { markdown: 'docs/config.md', schema: 'switchyard.schema.json' } as const;

/** The example config at the top of the reference: a real file, loaded (and so checked) here. */
export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/switchyard.yaml', import.meta.url));

/**
 * Generates the config reference (`docs/config.md`) and the JSON Schema (`switchyard.schema.json`) from the zod
 * schemas. Deterministic: the same schemas give the same bytes, so a test compares them with the files checked in.
 */
export function generateConfigReference(): { markdown: string; schema: string; undocumented: string[] } {
  const schemas = buildConfigSchema();
  // Every ${NAME} gets a value, so that the example is checked as a config, not for this machine's environment.
  const example = readFileSync(EXAMPLE_CONFIG, 'utf8');
  const env = Object.fromEntries([...example.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => [name as string, /URL|ENDPOINT/.test(name as string) ? 'https://example.invalid' : 'example-value']));
  loadConfig(EXAMPLE_CONFIG, { env });
  const shown = example.replace(/^# yaml-language-server: .*\n/, '');
  return { markdown: renderConfigReference(schemas, shown), schema: `${JSON.stringify(schemas.published, null, 2)}\n`, undocumented: schemas.undocumented };
}
