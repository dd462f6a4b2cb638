import { invalidParam } from '../gateway-request-error.ts';

/** A JSON object from a request body. */
export type WireObject = Record<string, unknown>;

/** What a JSON value is, for messages: `a string`, `a number`, `null`, `an array`, … */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'undefined' ? 'nothing' : `a ${type}`;
}

/** True for a plain JSON object. */
export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `param`, or a 400. */
export function wireObject(value: unknown, param: string): WireObject {
  if (!isWireObject(value)) throw invalidParam(param, `expected an object, found ${describeJson(value)}`, 'invalid_type');
  return value;
}

/** The string at `param`, or a 400. */
export function wireString(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalidParam(param, `expected a string, found ${describeJson(value)}`, 'invalid_type');
  return value;
}

/** The number at `param` (within `[min, max]` when given), or a 400. */
export function wireNumber(value: unknown, param: string, min?: number, max?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParam(param, `expected a number, found ${describeJson(value)}`, 'invalid_type');
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) throw invalidParam(param, `expected a number from ${min ?? '-∞'} to ${max ?? '∞'}, found ${value}`);
  return value;
}

/** The integer at `param` (at least `min` when given), or a 400. */
export function wireInteger(value: unknown, param: string, min?: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParam(param, `expected an integer, found ${typeof value === 'number' ? value : describeJson(value)}`, 'invalid_type');
  if (min !== undefined && value < min) throw invalidParam(param, `expected an integer of at least ${min}, found ${value}`);
  return value;
}

/** The boolean at `param`, or a 400. */
export function wireBoolean(value: unknown, param: string): boolean {
  if (typeof value !== 'boolean') throw invalidParam(param, `expected true or false, found ${describeJson(value)}`, 'invalid_type');
  return value;
}

/** The array at `param` (with at least `min` items when given), or a 400. */
export function wireArray(value: unknown, param: string, min = 0): unknown[] {
  if (!Array.isArray(value)) throw invalidParam(param, `expected an array, found ${describeJson(value)}`, 'invalid_type');
  if (value.length < min) throw invalidParam(param, `expected at least ${min} item${min === 1 ? '' : 's'}, found ${value.length}`);
  return value;
}

/** One of `allowed` at `param`, or a 400 listing them. */
export function wireEnum<T extends string>(value: unknown, param: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidParam(param, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, found ${typeof value === 'string' ? JSON.stringify(value) : describeJson(value)}`);
  }
  return value as T;
}
