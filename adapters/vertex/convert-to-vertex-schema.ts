import type { Warning } from '../../src/types/warning.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords Vertex's `Schema` carries as they are. */
const CARRIED = ['format', 'title', 'description', 'nullable', 'default', 'example', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'propertyOrdering'];
/** Keywords handled below, or annotations with no effect on what the model may produce. */
const HANDLED = new Set([...CARRIED, 'type', 'enum', 'const', 'properties', 'required', 'items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', '$ref', '$defs', 'definitions', 'examples', '$schema', '$id', '$comment', '$anchor']);

interface Context {
  root: Json;
  warnings: Warning[];
  /** `$ref`s being inlined, to stop on recursion. */
  refs: string[];
}

function warn(ctx: Context, path: string, message: string): void {
  ctx.warnings.push({ type: 'unsupported-setting', setting: path, message });
}

function resolveRef(ref: string, ctx: Context): unknown {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const defs = ctx.root[match[1] as string];
  return isObject(defs) ? defs[decodeURIComponent((match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
}

function convertType(type: unknown, out: Json, path: string, ctx: Context): void {
  const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  const nonNull = types.filter((t) => t !== 'null');
  if (types.length !== nonNull.length) out.nullable = true;
  if (nonNull.length === 1) out.type = (nonNull[0] as string).toUpperCase();
  else if (nonNull.length > 1) out.anyOf = nonNull.map((t) => ({ type: t.toUpperCase() }));
  else if (types.length === 0) warn(ctx, `${path}.type`, `Vertex cannot carry the type ${JSON.stringify(type)}; it was left out.`);
}

function convertEnum(values: unknown[], out: Json, path: string, ctx: Context, keyword: string): void {
  const strings = values.filter((v): v is string => typeof v === 'string');
  if (values.includes(null)) out.nullable = true;
  if (strings.length === values.filter((v) => v !== null).length && strings.length > 0) {
    out.enum = strings;
    out.type ??= 'STRING';
  } else {
    warn(ctx, `${path}.${keyword}`, `Vertex enums hold strings only; ${keyword} ${JSON.stringify(values)} was left out.`);
  }
}

function convertList(list: unknown, path: string, ctx: Context): Json[] {
  if (!Array.isArray(list)) return [];
  const out: Json[] = [];
  list.forEach((item, i) => {
    const converted = convertNode(item, `${path}[${i}]`, ctx);
    if (converted) out.push(converted);
  });
  return out;
}

function convertNode(node: unknown, path: string, ctx: Context): Json | undefined {
  if (node === true) return {};
  if (!isObject(node)) {
    warn(ctx, path, `Vertex cannot carry the schema ${JSON.stringify(node)}; it was left out.`);
    return undefined;
  }
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    const target = resolveRef(ref, ctx);
    if (target === undefined || ctx.refs.includes(ref)) {
      warn(ctx, `${path}.$ref`, target === undefined ? `Vertex cannot follow $ref "${ref}"; it was left out.` : `Vertex cannot carry the recursive $ref "${ref}"; the recursion was cut there (any value).`);
      return {};
    }
    ctx.refs.push(ref);
    const { $ref: _ref, ...siblings } = node;
    const converted = convertNode({ ...(target as Json), ...siblings }, path, ctx);
    ctx.refs.pop();
    return converted;
  }
  let source = node;
  if (Array.isArray(node.allOf)) {
    if (node.allOf.length > 1) warn(ctx, `${path}.allOf`, 'Vertex has no allOf; the subschemas were merged into one (properties and required joined).');
    source = { ...node };
    delete source.allOf;
    for (const part of node.allOf) {
      if (!isObject(part)) continue;
      const merged: Json = { ...part, ...source };
      if (isObject(part.properties) || isObject(source.properties)) merged.properties = { ...(source.properties as Json), ...(part.properties as Json) };
      if (Array.isArray(part.required) || Array.isArray(source.required)) merged.required = [...new Set([...((source.required as string[]) ?? []), ...((part.required as string[]) ?? [])])];
      source = merged;
    }
  }

  const out: Json = {};
  if (source.type !== undefined) convertType(source.type, out, path, ctx);
  for (const key of CARRIED) if (source[key] !== undefined) out[key] = source[key];
  if (Array.isArray(source.examples) && source.examples.length > 0 && out.example === undefined) out.example = source.examples[0];
  if (Array.isArray(source.enum)) convertEnum(source.enum, out, path, ctx, 'enum');
  if (source.const !== undefined) convertEnum([source.const], out, path, ctx, 'const');
  if (isObject(source.properties)) {
    const properties: Json = {};
    for (const [name, value] of Object.entries(source.properties)) {
      const converted = convertNode(value, `${path}.properties.${name}`, ctx);
      if (converted) properties[name] = converted;
    }
    out.properties = properties;
    if (Array.isArray(source.required)) out.required = source.required.filter((r) => typeof r === 'string' && r in properties);
  }
  if (source.items !== undefined) {
    if (Array.isArray(source.items)) warn(ctx, `${path}.items`, 'Vertex has no tuple items; they were left out.');
    else {
      const items = convertNode(source.items, `${path}.items`, ctx);
      if (items) out.items = items;
    }
  }
  if (source.additionalProperties !== undefined) {
    if (typeof source.additionalProperties === 'boolean') out.additionalProperties = source.additionalProperties;
    else {
      const extra = convertNode(source.additionalProperties, `${path}.additionalProperties`, ctx);
      if (extra) out.additionalProperties = extra;
    }
  }
  const unions = [...convertList(source.anyOf, `${path}.anyOf`, ctx), ...convertList(source.oneOf, `${path}.oneOf`, ctx)];
  if (source.oneOf !== undefined) warn(ctx, `${path}.oneOf`, 'Vertex has no oneOf; it was sent as anyOf (one or more of the subschemas may match).');
  if (Array.isArray(source.anyOf) || Array.isArray(source.oneOf)) {
    // [X, {type: 'null'}] is X, nullable: the way zod and JSON Schema spell an optional value.
    const nonNull = unions.filter((u) => !(Object.keys(u).length === 1 && u.nullable === true));
    if (nonNull.length !== unions.length) out.nullable = true;
    if (nonNull.length === 1) Object.assign(out, nonNull[0], out.nullable ? { nullable: true } : {});
    else if (nonNull.length > 1) out.anyOf = nonNull;
  }
  for (const key of Object.keys(source)) {
    if (!HANDLED.has(key)) warn(ctx, `${path}.${key}`, `Vertex's schema cannot carry ${key}; it was left out.`);
  }
  return out;
}

/**
 * Converts JSON Schema to the OpenAPI subset of Vertex's `Schema`: types become `STRING`, `OBJECT`, …;
 * `type: [x, 'null']` and `anyOf: [x, {type: 'null'}]` become `nullable`; local `$ref`s are inlined; `allOf` is merged;
 * `oneOf` is sent as `anyOf`; `const` and string enums become `enum`. Every keyword it cannot carry
 * (`not`, `if`, `patternProperties`, `uniqueItems`, non-string enums, …) is left out with a warning naming its path.
 */
export function convertToVertexSchema(schema: Json, path: string, warnings: Warning[]): Json {
  return convertNode(schema, path, { root: schema, warnings, refs: [] }) ?? {};
}
