/**
 * Lets `JSON.stringify` write an object that holds exact amounts as bigints (a cost report, a reconciliation, an
 * invoice): each bigint is written as a decimal string of the same integer (`"1234500000"` nano-USD), which no
 * JSON parser rounds; every other value is written as usual. Adds a non-enumerable `toJSON`, so the object still
 * holds bigints for arithmetic and looks the same when logged.
 */
export function withJsonAmounts<T extends object>(value: T): T {
  Object.defineProperty(value, 'toJSON', { value: jsonForm, enumerable: false, configurable: true, writable: true });
  return value;
}

function jsonForm(this: object): unknown {
  return plain(this);
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = plain(v);
  return out;
}
