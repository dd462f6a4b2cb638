import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { lazyModule } from '../runtime/lazy-module.ts';
import { ConfigError } from '../errors/config-error.ts';
import { formatYamlError } from './format-yaml-error.ts';

/** A config file's parsed content and where it lives. */
export interface ConfigFile {
  value: unknown;
  /** The absolute path. */
  path: string;
  /** Its directory. */
  dir: string;
}

const yaml = lazyModule<typeof import('./parse-yaml-document.ts')>('src/config/parse-yaml-document.ts');

const REFERENCE = /\$?\$\{[^}\n]*\}/g;
const PLACEHOLDER = /__switchyard_env_(\d+)__/g;

/**
 * Swaps every `${...}` reference in YAML text for a plain placeholder, so that the contract's flow style
 * (`openai: { type: openai, apiKey: ${OPENAI_API_KEY} }`) parses: YAML does not allow `{` and `}` in a plain
 * scalar inside a flow mapping. `restore` puts the references back into the parsed values.
 */
function protectReferences(text: string): { text: string; restore(value: unknown): unknown; column(line: number, col: number): number } {
  const references: string[] = [];
  const protectedText = text.replace(REFERENCE, (reference) => `__switchyard_env_${references.push(reference) - 1}__`);
  const put = (s: string) => s.replace(PLACEHOLDER, (_, i: string) => references[Number(i)] as string);
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') return references.length > 0 ? put(value) : value;
    if (Array.isArray(value)) return value.map(restore);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [put(k), restore(v)]));
    return value;
  };
  // A column in the protected text -> the same spot in the text as written (placeholders and references differ in length).
  const protectedLines = protectedText.split(/\r?\n/);
  const column = (line: number, col: number): number => {
    let shift = 0;
    for (const m of (protectedLines[line - 1] ?? '').matchAll(PLACEHOLDER)) {
      if ((m.index ?? 0) + m[0].length >= col) break;
      shift += (references[Number(m[1])] as string).length - m[0].length;
    }
    return col + shift;
  };
  return { text: protectedText, restore, column };
}

/** YAML errors shown at most; the first is usually the one to fix. */
const MAX_YAML_ERRORS = 5;

/**
 * Reads a YAML (`.yaml`, `.yml`, anything else) or JSON (`.json`) config file. YAML is read with the
 * YAML 1.2 core schema, so `apiVersion: 2024-10-21` stays the string it looks like (never a date) and
 * `yes` stays a string; duplicate keys are errors. Syntax errors are reported with line and column.
 */
export function readConfigFile(file: string, cwd: string = process.cwd()): ConfigFile {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : `it cannot be read (${code ?? String(error)})`;
    throw new ConfigError([{ path: '', message: `cannot read the config file ${path}: ${why}` }], { source: path, cause: error });
  }
  if (extname(path).toLowerCase() === '.json') {
    try {
      return { value: JSON.parse(text), path, dir: dirname(path) };
    } catch (error) {
      throw new ConfigError([{ path: '', message: `JSON syntax error: ${describeJsonError(error as Error)}` }], { source: path });
    }
  }
  const references = protectReferences(text);
  // The YAML parser is loaded for the first YAML file read, not at import.
  const { parseDocument } = yaml();
  const doc = parseDocument(references.text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    // The frame shows the file as written: references restored, at the columns the user sees.
    const lines = text.split(/\r?\n/);
    const shown = doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => {
      const at = e.linePos?.[0];
      const linePos = at ? [{ line: at.line, col: references.column(at.line, at.col) }] : undefined;
      return { path: '', message: formatYamlError({ message: e.message, ...(linePos ? { linePos } : {}) }, lines) };
    });
    if (doc.errors.length > MAX_YAML_ERRORS) shown.push({ path: '', message: `(${doc.errors.length - MAX_YAML_ERRORS} more YAML errors after these)` });
    throw new ConfigError(shown, { source: path });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias without its anchor (`*name`): the name is not shown, as it may be a value that starts with `*`.
    const why = error instanceof ReferenceError ? 'an alias (*name) refers to an anchor (&name) defined nowhere before it; quote a value that starts with * or &' : 'the document cannot be read';
    throw new ConfigError([{ path: '', message: `YAML error: ${why}` }], { source: path });
  }
  return { value: references.restore(value), path, dir: dirname(path) };
}

/**
 * A JSON syntax error without the text around it: for an unexpected token, V8 quotes a piece of the file
 * (`Unexpected token 's', ..."apiKey": sk-proj-SE"... is not valid JSON`), which may be part of a secret.
 * Its other messages give a position and quote nothing: they are kept as they are.
 */
function describeJsonError(error: Error): string {
  if (!/ is not valid JSON$/.test(error.message)) return error.message;
  const what = error.message.startsWith('Unexpected token') ? 'an unexpected character' : 'the file is not valid JSON';
  return `${what} (the text around it is not shown, as it may hold a secret; check for an unquoted value or a missing comma)`;
}
