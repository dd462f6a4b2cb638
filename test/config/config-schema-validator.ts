import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'switchyard.schema.json'), 'utf8')) as Record<string, unknown>;
// Draft 7, as the schema declares (yaml-language-server supports draft 7 and below).
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);

/** What the published JSON Schema (switchyard.schema.json, as an editor would apply it) says is wrong with a config: `path message`. */
export function configSchemaErrors(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
