import type { Warning } from '../../src/types/warning.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords Claude's constrained decoding accepts, by where they apply. */
const COMMON = new Set(['type', 'description', 'title', 'enum', 'const', 'anyOf', 'allOf', '$ref', '$defs', 'definitions']);
const STRING_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);
const NESTED_MAPS = ['properties', '$defs', 'definitions'] as const;

/**
 * Converts a JSON Schema to the subset that native structured outputs (`output_config.format`) accept: objects get
 * `additionalProperties: false` (required there), `oneOf` becomes `anyOf`, and what constrained decoding cannot
 * enforce (numeric bounds, string lengths and patterns, `maxItems`, `minItems` above 1, unknown string formats, open
 * objects) is taken out of the schema and written into its `description`, so that the model still sees it; each
 * dropped keyword is a warning with its path. The input is not changed.
 *
 * The subset is the one the official `@anthropic-ai/sdk` prepares schemas for (its `transformJSONSchema`) and that
 * the API enforces (`For 'integer' type, property 'minimum' is not supported`); Anthropic's "JSON Schema limitations"
 * list itself was not read in full (not confirmed from a primary source: the complete list of unsupported keywords).
 */
export function convertToAnthropicSchema(schema: Json, path: string, warnings: Warning[]): Json {
  const out: Json = {};
  const dropped: string[] = [];
  const type = schema.type;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'oneOf' && Array.isArray(value)) {
      out.anyOf = value.map((v, i) => (isObject(v) ? convertToAnthropicSchema(v, `${path}.oneOf[${i}]`, warnings) : v));
    } else if ((key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((v, i) => (isObject(v) ? convertToAnthropicSchema(v, `${path}.${key}[${i}]`, warnings) : v));
    } else if ((NESTED_MAPS as readonly string[]).includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, isObject(v) ? convertToAnthropicSchema(v, `${path}.${key}.${name}`, warnings) : v]));
    } else if (key === 'items' && isObject(value)) {
      out.items = convertToAnthropicSchema(value, `${path}.items`, warnings);
    } else if (key === 'required' || COMMON.has(key)) {
      out[key] = value;
    } else if (key === 'minItems' && (value === 0 || value === 1)) {
      out.minItems = value;
    } else if (key === 'format' && typeof value === 'string' && STRING_FORMATS.has(value)) {
      out.format = value;
    } else if (key === 'additionalProperties' && value === false) {
      // Set below for every object.
    } else {
      dropped.push(`${key}: ${JSON.stringify(value)}`);
      warnings.push({ type: 'unsupported-setting', setting: `${path}.${key}`, message: `Claude's structured outputs cannot enforce ${key}; it was moved into the description, so the model sees it but the reply is not checked against it.` });
    }
  }
  if (type === 'object' || (Array.isArray(type) && type.includes('object')) || isObject(schema.properties)) out.additionalProperties = false;
  if (dropped.length > 0) out.description = `${typeof out.description === 'string' ? `${out.description}\n\n` : ''}{${dropped.join(', ')}}`;
  return out;
}
