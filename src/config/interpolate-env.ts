import type { ConfigIssue } from '../errors/config-error.ts';
import { formatPath } from './format-path.ts';

const REFERENCE = /\$(\$?)\{([^}]*)\}/g;
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** The result of interpolating a config. */
export interface Interpolated {
  /** The config with every `${NAME}` and `${NAME:-default}` replaced (a new object; the input is not changed). */
  value: unknown;
  /** Problems found: missing variables and malformed references. */
  issues: ConfigIssue[];
  /** The paths whose values came (at least partly) from the environment: treated as secrets in messages. */
  interpolatedPaths: Set<string>;
  /** The paths with a missing variable or a malformed reference (their other problems are not repeated). */
  failedPaths: Set<string>;
}

/**
 * Replaces `${NAME}` with the environment variable `NAME` and `${NAME:-default}` with it or, when it is
 * unset or empty, the default, in every string of a config (files and objects alike). `$${` is a literal `${`.
 * A missing variable is an issue naming it and the config path where it is used. Values stay strings.
 */
export function interpolateEnv(config: unknown, env: Record<string, string | undefined>): Interpolated {
  const issues: ConfigIssue[] = [];
  const interpolatedPaths = new Set<string>();
  const failedPaths = new Set<string>();

  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return value;
      let used = false;
      const out = value.replace(REFERENCE, (whole, escape: string, inner: string) => {
        if (escape) return whole.slice(1);
        const match = NAME.exec(inner);
        const where = formatPath(path);
        if (!match) {
          failedPaths.add(where);
          issues.push({ path: where, message: `malformed reference \${${inner}}: expected \${NAME} or \${NAME:-default}, where NAME has letters, digits and _ (write $\${ for a literal \${)` });
          return whole;
        }
        used = true;
        const name = match[1] as string;
        const fallback = match[2];
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        failedPaths.add(where);
        issues.push({ path: where, message: `environment variable ${name} is not set (or is empty); it is used here as \${${name}}. Set it, or give a default with \${${name}:-value}` });
        return '';
      });
      if (used) interpolatedPaths.add(formatPath(path));
      return out;
    }
    if (Array.isArray(value)) return value.map((item, i) => visit(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = visit(item, [...path, key]);
      return out;
    }
    return value;
  };

  return { value: visit(config, []), issues, interpolatedPaths, failedPaths };
}
