import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'switchyard.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);

/** What the published JSON Schema (switchyard.schema.json, as an editor would apply it) says is wrong with a config: `path message`. */
export function configSchemaErrors(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
