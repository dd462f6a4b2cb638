import type { ChatRequest } from '../types/chat-request.ts';
import { fieldSet } from './field-set.ts';
import { expected, isObject, unknownKey, type RequestProblem } from './request-problem.ts';

const REQUIRE_KEYS = fieldSet<NonNullable<ChatRequest['require']>>()(['tags']);

/**
 * The fields chat and embedding requests share: `model`, `signal`, `timeoutMs`, `providerOptions`, `tags`,
 * `require`. Returns the first problem, or undefined.
 */
export function checkCommonFields(request: Record<string, unknown>): RequestProblem | undefined {
  const { model, signal, timeoutMs, providerOptions, tags } = request;
  if (typeof model !== 'string' || model === '') return expected('model', 'a model id, alias or providerId:model (a non-empty string)', model);
  if (signal !== undefined && !isAbortSignal(signal)) return expected('signal', 'an AbortSignal', signal);
  if (timeoutMs !== undefined) {
    const problem = checkMilliseconds('timeoutMs', timeoutMs);
    if (problem) return problem;
  }
  if (providerOptions !== undefined) {
    if (!isObject(providerOptions)) return expected('providerOptions', 'an object of raw fields by provider type, such as { openai: { user: "u-1" } }', providerOptions);
    for (const type in providerOptions) {
      const fields = providerOptions[type];
      // Values are never shown: they are raw provider fields and may hold anything.
      if (fields !== undefined && !isObject(fields)) return { field: `providerOptions.${type}`, message: 'expected an object of raw request fields for that provider type' };
    }
  }
  if (tags !== undefined) {
    if (!isObject(tags)) return expected('tags', 'an object of string values, such as { tenant: "acme" }', tags);
    for (const name in tags) if (typeof tags[name] !== 'string') return expected(`tags.${name}`, 'a string', tags[name]);
  }
  const required = request.require;
  if (required !== undefined) {
    if (!isObject(required)) return expected('require', 'an object such as { tags: ["eu"] }', required);
    const extra = unknownKey(required, REQUIRE_KEYS, 'require');
    if (extra) return extra;
    const wanted = required.tags;
    if (wanted !== undefined) {
      if (!Array.isArray(wanted)) return expected('require.tags', 'a list of tag names', wanted);
      for (let i = 0; i < wanted.length; i++) if (typeof wanted[i] !== 'string' || wanted[i] === '') return expected(`require.tags[${i}]`, 'a tag name', wanted[i]);
    }
  }
  return undefined;
}

/** A duration in milliseconds that a timer can hold: above 0, at most 2^31 - 1 (about 24.8 days). */
export function checkMilliseconds(field: string, value: unknown): RequestProblem | undefined {
  if (typeof value === 'number' && value > 0 && value <= 2_147_483_647) return undefined;
  return expected(field, typeof value === 'number' && value > 2_147_483_647 ? 'a number of milliseconds above 0 and at most 2147483647 (about 24.8 days)' : 'a number of milliseconds above 0', value);
}

/** An AbortSignal, also one from another realm (duck-typed). */
function isAbortSignal(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function';
}
