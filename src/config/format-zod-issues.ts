import type * as z from 'zod';
import type { ConfigIssue } from '../errors/config-error.ts';
import { closestMatch } from './closest-match.ts';
import { describeValue } from './describe-value.ts';
import { formatPath } from './format-path.ts';
import { isSecretKey } from './is-secret-key.ts';
import { knownKeys } from './known-keys.ts';

/** How to turn zod issues into config issues. */
export interface FormatContext {
  /** The schema that was parsed (to list the keys an object allows). */
  schema: z.ZodType;
  /** The value that was parsed. */
  input: unknown;
  /** The path of `input` inside the whole config. */
  prefix: readonly PropertyKey[];
  /** Paths (formatted) whose values came from the environment: never shown. */
  secretPaths: ReadonlySet<string>;
  /** Keys allowed beside the schema's own at the top of `input` (the common provider keys). */
  extraKeys?: readonly string[];
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const quoteAll = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | ');

function expectedBound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'array' || issue.origin === 'set') return small ? `at least ${bound} item${bound === 1 ? '' : 's'}` : `at most ${bound} item${bound === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return small ? (bound === 1 ? 'a non-empty string' : `at least ${bound} characters`) : `at most ${bound} characters`;
  return `a number ${small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${bound}`;
}

/**
 * Turns zod issues into config issues that say where (the full path), what was expected and what was found,
 * suggest the key a typo meant, and never show a secret value.
 */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], ctx: FormatContext): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const isSecret = (path: readonly PropertyKey[]) => {
    const full = [...ctx.prefix, ...path];
    return full.some((k) => isSecretKey(k as string)) || ctx.secretPaths.has(formatPath(full));
  };

  const visit = (issue: Issue, base: readonly PropertyKey[]) => {
    const path = [...base, ...issue.path];
    const where = formatPath([...ctx.prefix, ...path]);
    const found = () => describeValue(valueAt(ctx.input, path), isSecret(path));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = [...(knownKeys(ctx.schema, path, ctx.input) ?? []), ...(path.length === 0 ? (ctx.extraKeys ?? []) : [])];
        for (const key of issue.keys) {
          const guess = closestMatch(key, allowed);
          const hint = guess ? ` Did you mean "${guess}"?` : '';
          const list = allowed.length > 0 ? ` Expected one of: ${allowed.join(', ')}.` : '';
          out.push({ path: formatPath([...ctx.prefix, ...path, key]), message: `unknown key "${key}".${hint}${list}` });
        }
        return;
      }
      case 'invalid_type': {
        const value = valueAt(ctx.input, path);
        const expected = issue.expected === 'record' ? 'object' : issue.expected;
        out.push({ path: where, message: value === undefined ? `required: expected ${article(expected)}, found nothing` : `expected ${article(expected)}, found ${found()}` });
        return;
      }
      case 'invalid_value':
        out.push({ path: where, message: `expected ${issue.values.length === 1 ? quoteAll(issue.values) : `one of ${quoteAll(issue.values)}`}, found ${found()}` });
        return;
      case 'invalid_union': {
        const union = issue as Issue & { discriminator?: string; options?: unknown[]; errors: z.core.$ZodIssue[][] };
        if (union.discriminator) {
          out.push({ path: where, message: `expected one of ${quoteAll(union.options ?? [])}, found ${found()}` });
          return;
        }
        // Report the option that got furthest: the one whose issues go deepest.
        const depth = (list: z.core.$ZodIssue[]) => Math.max(...list.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
        const best = [...union.errors].sort((a, b) => depth(b) - depth(a))[0];
        if (best && best.length > 0) for (const inner of best) visit(inner as Issue, path);
        else out.push({ path: where, message: `does not match any allowed shape, found ${found()}` });
        return;
      }
      case 'too_small':
      case 'too_big':
        out.push({ path: where, message: `expected ${expectedBound(issue)}, found ${found()}` });
        return;
      case 'invalid_format': {
        const format = (issue as { format?: string }).format;
        const custom = !issue.message.startsWith('Invalid');
        const expected = format === 'url' ? 'expected a URL such as https://example.com' : custom ? issue.message : `expected a valid ${format}`;
        out.push({ path: where, message: `${expected}, found ${found()}` });
        return;
      }
      default:
        out.push({ path: where, message: issue.message });
    }
  };

  for (const issue of issues) visit(issue as Issue, []);
  return out;
}
