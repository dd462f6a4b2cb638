type Schema = Record<string, any>;

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const matchesType = (v: unknown, type: string): boolean => type === typeOf(v) || (type === 'number' && typeof v === 'number');

/**
 * Checks a value against the JSON Schema subset the spec fixtures use (type, const, enum, properties, required,
 * additionalProperties: false, items, anyOf, minimum, maximum) and returns every violation with its path; [] when
 * the value conforms. For the request-body checks against the providers' specs (test/fixtures/specs).
 */
export function checkJsonSchema(value: unknown, schema: Schema, path = '$'): string[] {
  const errors: string[] = [];
  if (schema.anyOf) {
    const results = (schema.anyOf as Schema[]).map((s) => checkJsonSchema(value, s, path));
    if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
    return errors;
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}, found ${JSON.stringify(value)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: expected one of ${JSON.stringify(schema.enum)}, found ${JSON.stringify(value)}`);
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t))) return [...errors, `${path}: expected ${types.join(' or ')}, found ${typeOf(value)}`];
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...checkJsonSchema(item, schema.items, `${path}[${i}]`)));
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in object)) errors.push(`${path}.${key}: required`);
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, v] of Object.entries(object)) {
      if (properties[key]) errors.push(...checkJsonSchema(v, properties[key], `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not a property of the schema`);
    }
  }
  return errors;
}
