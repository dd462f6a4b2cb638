import { closestMatch } from '../config/closest-match.ts';

/** A field of a request that is wrong: where, and what was expected instead of what was found. */
export interface RequestProblem {
  /** The field's path: `messages[2].role`, `maxTokens`, `tools[0].name`. */
  field: string;
  /** `expected …, found …`, or what is wrong and how to fix it. Never the content of a prompt. */
  message: string;
}

/**
 * A value as an error shows it: short strings quoted, numbers and booleans as written, everything else by its kind.
 * Long strings (prompt text) are never shown, only their length.
 */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? 'an empty string' : value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return 'a bigint';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `field: expected <expected>, found <value>`. */
export function expected(field: string, what: string, value: unknown): RequestProblem {
  return { field, message: `expected ${what}, found ${describeFound(value)}` };
}

/**
 * The first key of `object` that is not one of `known` but looks like a typo of one (`max_tokens`, `tool_call_id`,
 * `contnet`), as a problem that names the key it probably meant. Other extra keys are let through: objects that
 * satisfy the contract may carry more (a `ToolCall`'s `rawArguments`, an `id` from the application's own store).
 */
export function unknownKey(object: Record<string, unknown>, known: ReadonlySet<string>, at: string): RequestProblem | undefined {
  for (const key in object) {
    if (known.has(key) || object[key] === undefined) continue;
    const guess = guessFor(key, known);
    if (guess !== undefined && !(guess in object)) return { field: at === '' ? key : `${at}.${key}`, message: `unknown field; did you mean ${guess}?` };
  }
  return undefined;
}

/** The guesses made so far, per set of known keys: extra keys recur on every call (a tool call's `rawArguments`). */
const guesses = new WeakMap<ReadonlySet<string>, Map<string, string | null>>();
/** Extra keys remembered per set at most; beyond, guesses are computed again (keys an application makes up). */
const MAX_REMEMBERED = 256;

/** `closestMatch(key, known)`, remembered: the edit distances cost microseconds, the request path is hot. */
function guessFor(key: string, known: ReadonlySet<string>): string | undefined {
  let cache = guesses.get(known);
  if (cache === undefined) guesses.set(known, (cache = new Map()));
  const remembered = cache.get(key);
  if (remembered !== undefined) return remembered ?? undefined;
  const guess = closestMatch(key, known);
  if (cache.size < MAX_REMEMBERED) cache.set(key, guess ?? null);
  return guess;
}

/** True for a plain object (not null, not a list). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
