import type { ConfigSchemas, JsonSchema } from './build-config-schema.ts';

/** A value as YAML flow style, for defaults and examples: `{ attempts: 2 }`, `[rate-limit, timeout]`, `v1`. */
export function flow(value: unknown): string {
  if (typeof value === 'string') return /^[\w./:@-]+$/.test(value) && !/^(true|false|null|~|\d[\d.e+-]*)$/i.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : `{ ${Object.entries(value).map(([k, v]) => `${flow(k)}: ${flow(v)}`).join(', ')} }`;
  return String(value);
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** The anchor GitHub gives a heading. */
const anchor = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\- ]/gu, '').replace(/ /g, '-');

const MAX_SAFE = 9007199254740991;

interface Section {
  heading: string;
  /** What the section documents: one object, or the alternatives of a union (one table each). */
  objects: Array<{ label?: string; node: JsonSchema }>;
  intro?: string;
}

/** The objects (with keys) a schema holds: itself, its alternatives, list items, map values. */
function heldObjects(node: JsonSchema): JsonSchema[] {
  if (node.properties && Object.keys(node.properties as object).length > 0) return [node];
  const out: JsonSchema[] = [];
  for (const key of ['anyOf', 'oneOf'] as const) for (const option of (node[key] as JsonSchema[] | undefined) ?? []) out.push(...heldObjects(option));
  if (typeof node.items === 'object' && node.items !== null) out.push(...heldObjects(node.items as JsonSchema));
  if (typeof node.additionalProperties === 'object' && node.additionalProperties !== null) out.push(...heldObjects(node.additionalProperties as JsonSchema));
  return out;
}

/** How a value's type reads in the table. `link` names the section that describes an object it holds. */
function typeOf(node: JsonSchema, link: string | undefined): string {
  if (node.const !== undefined) return code(flow(node.const));
  if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => code(flow(v))).join(' | ');
  const alternatives = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.map((a) => typeOf(a, link)).filter((t, i, all) => all.indexOf(t) === i).join(' or ');
  const see = link ? ` ([${code(link)}](#${anchor(link)}))` : '';
  switch (node.type) {
    case 'string': {
      if (node.format === 'uri') return 'URL';
      const bits = [node.minLength === 1 ? 'non-empty' : '', 'string'].filter(Boolean).join(' ');
      return node.pattern ? `${bits} matching ${code(String(node.pattern))}` : bits;
    }
    case 'integer':
    case 'number': {
      const word = node.type === 'integer' ? 'integer' : 'number';
      const min = node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : node.minimum !== undefined ? `≥ ${node.minimum}` : '';
      const max = node.maximum !== undefined && node.maximum !== MAX_SAFE ? `≤ ${node.maximum}` : '';
      return [word, [min, max].filter(Boolean).join(', ')].filter(Boolean).join(' ');
    }
    case 'boolean':
      return '`true` | `false`';
    case 'array': {
      const items = node.items as JsonSchema | undefined;
      return `list${node.minItems ? ` (at least ${node.minItems})` : ''} of ${items ? typeOf(items, link).replace(see, '') : 'values'}${see}`;
    }
    case 'object': {
      if (node.properties && Object.keys(node.properties as object).length > 0) return `object${see}`;
      const values = node.additionalProperties as JsonSchema | undefined;
      if (values && typeof values === 'object') return `map of name → ${typeOf(values, undefined)}${see}`;
      return 'object';
    }
    default:
      return 'any value';
  }
}

/** The Markdown reference of the config, from the annotated schema. */
export function renderConfigReference(schemas: ConfigSchemas, example: string): string {
  const sections: Section[] = [];
  const byTitle = new Map<string, string>(); // headings scheduled
  const queue: Section[] = [{ heading: 'Top level', objects: [{ node: schemas.annotated }] }];
  const rendered: string[] = [];

  /** The section (heading) for the objects a key holds, scheduled once. */
  const sectionFor = (node: JsonSchema, path: string): string | undefined => {
    // The same object twice (a price, or a list of prices) is one table.
    const objects = heldObjects(node).filter((o, i, all) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(o)) === i);
    if (objects.length === 0) return undefined;
    const title = (node.title ?? objects[0]?.title) as string | undefined;
    const heading = title ?? path;
    if (byTitle.has(heading)) return heading;
    byTitle.set(heading, heading);
    const labelled = objects.map((o) => {
      const type = (o.properties as Record<string, JsonSchema>).type?.const;
      return type === undefined || objects.length === 1 ? { node: o } : { label: `type: ${flow(type)}`, node: o };
    });
    queue.push({ heading, objects: labelled, ...(typeof node.description === 'string' ? { intro: node.description } : {}) });
    return heading;
  };

  const table = (object: JsonSchema, path: string, skip: ReadonlySet<string>): string[] => {
    const required = new Set((object.required as string[] | undefined) ?? []);
    const rows = ['| key | type | required | default | description |', '|---|---|---|---|---|'];
    for (const [key, node] of Object.entries(object.properties as Record<string, JsonSchema>)) {
      if (skip.has(key)) continue;
      const keyPath = path === '' ? key : `${path}.${key}`;
      const link = key === 'providers' && path === '' ? 'providers.<id>' : key === '$schema' ? undefined : sectionFor(node, pathOf(keyPath, node));
      const fallback = node.default !== undefined ? code(flow(node.default)) : typeof node.defaultText === 'string' ? String(node.defaultText) : '';
      const examples = Array.isArray(node.examples) ? ` Example: ${(node.examples as unknown[]).map((e) => code(flow(e))).join(', ')}.` : '';
      rows.push(`| ${code(key)} | ${cell(typeOf(node, link))} | ${required.has(key) ? 'yes' : ''} | ${cell(fallback)} | ${cell(`${(node.description as string | undefined) ?? ''}${examples}`)} |`);
    }
    return rows;
  };

  while (queue.length > 0) {
    const section = queue.shift() as Section;
    sections.push(section);
    const lines = [`## ${section.heading === 'Top level' ? section.heading : code(section.heading)}`, ''];
    if (section.intro) lines.push(section.intro, '');
    for (const { label, node } of section.objects) {
      if (label) lines.push(`### ${code(label)}`, '');
      lines.push(...table(node, section.heading === 'Top level' ? '' : section.heading, new Set()), '');
    }
    rendered.push(lines.join('\n'));
    // The providers section follows the top level: the keys every provider has, then each type's own keys.
    if (section.heading === 'Top level') rendered.push(renderProviders(schemas, table));
  }

  return `${[
    '# Switchyard config reference',
    '',
    '<!-- Generated by `npm run docs:config` from the zod schemas (src/config, src/metering, src/versions and each adapter\'s provider definition) and the descriptions beside them (src/config/config-docs.ts, adapters/*/*-config-docs.ts). Do not edit: change those and run the script; a test fails when this file is stale. -->',
    '',
    INTRO,
    '',
    '## Example',
    '',
    '```yaml',
    example.trimEnd(),
    '```',
    '',
    ...rendered,
  ].join('\n').trimEnd()}\n`;
}

/** `models.<alias>` rather than the generic `models.<name>` for the well-known maps. */
function pathOf(path: string, node: JsonSchema): string {
  const named = path.replace(/^models$/, 'models.<alias>').replace(/^budgets$/, 'budgets[]');
  if (named !== path) return named;
  if (node.type === 'array') return `${path}[]`;
  if (node.type === 'object' && !node.properties && node.additionalProperties) return `${path}.<name>`;
  return path;
}

function renderProviders(schemas: ConfigSchemas, table: (object: JsonSchema, path: string, skip: ReadonlySet<string>) => string[]): string {
  const lines = [
    `## ${code('providers.<id>')}`,
    '',
    'Every provider entry has a `type` and these keys, beside the keys of its type (below). Unknown keys are errors.',
    '',
    ...table(schemas.common, 'providers.<id>', new Set()),
    '',
  ];
  for (const { type, schema } of schemas.providerTypes) {
    lines.push(`### ${code(`type: ${type}`)}`, '');
    if (!schema.properties || Object.keys(schema.properties as object).length === 0) lines.push('No keys of its own.', '');
    else lines.push(...table(schema, `providers.<id>`, new Set()), '');
  }
  return lines.join('\n');
}

const INTRO = `A config is a YAML file (\`switchyard.yaml\`), a JSON file, or the same object passed to \`createSwitchyard(config)\`.
Every key is checked strictly when it is loaded: an unknown key, a wrong type or a reference to a provider or alias
that does not exist is a \`ConfigError\` that lists every problem with its path, and never shows a secret.

- **Environment variables**: \`\${NAME}\` and \`\${NAME:-default}\` in any string are replaced when the config is loaded
  (never at import); \`$\${\` is a literal \`\${\`. Values stay strings.
- **YAML**: read with the YAML 1.2 core schema, so \`apiVersion: 2024-10-21\` stays the string it looks like; duplicate
  keys are errors. Switchyard also reads an unquoted \`\${NAME}\` inside a flow mapping (\`{ apiKey: \${KEY} }\`), which
  other YAML tools (editors) do not: quote it there (\`'\${KEY}'\`) for them.
- **Paths**: a relative path (the SQLite ledger) resolves against the config file's directory (for a config object,
  the working directory, or \`cwd\` in the options).
- **The ledger**: without a \`ledger\` key, every attempt is recorded in \`.switchyard/ledger.sqlite\` beside the config.
- **Editors**: the JSON Schema of this file ships with the package (\`switchyard/config-schema.json\`). In YAML, put
  \`# yaml-language-server: $schema=./node_modules/switchyard/switchyard.schema.json\` on the first line (VS Code's
  YAML extension and other yaml-language-server editors then complete and check keys); in JSON, a top-level
  \`"$schema": "./node_modules/switchyard/switchyard.schema.json"\`.`;
