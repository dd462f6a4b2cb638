/** A fault the fake provider injects instead of (or in the middle of) a normal answer. */
export type FakeFault = 'none' | '429' | '500' | '503' | 'hang' | 'reset';

/**
 * What one request to the fake provider should get. Chosen per request by a path prefix
 * (`/c/chunks=100,delay=5/v1/chat/completions`) or an `x-fake-control` header with the same syntax
 * (the header wins over the prefix, field by field).
 */
export interface FakeControls {
  /** Text chunks in a stream, and the number of words in a non-streaming reply. @default 100 */
  chunks: number;
  /** Milliseconds between stream chunks; 0 writes the whole stream at once. @default 0 */
  delayMs: number;
  /** The fault to inject. @default 'none' */
  fault: FakeFault;
  /** `retry-after` seconds sent with a 429. @default 1 */
  retryAfterS: number;
  /** Resets the connection after this many text chunks of a stream (a provider dying mid-stream). @default never */
  cutAfter: number;
  /** The spec string as given, the key the request counters use. */
  key: string;
}

const DEFAULTS: FakeControls = { chunks: 100, delayMs: 0, fault: 'none', retryAfterS: 1, cutAfter: -1, key: '' };
const FAULTS = new Set<string>(['none', '429', '500', '503', 'hang', 'reset']);
const parsed = new Map<string, FakeControls>();

function toCount(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`fake provider: control ${name}=${value} must be an integer >= ${min}`);
  return n;
}

/** Parses `chunks=100,delay=5,fault=503,retryAfter=2,cutAfter=10,tag=primary` (any subset, any order). Results are cached. */
export function parseFakeControls(spec: string): FakeControls {
  let controls = parsed.get(spec);
  if (controls) return controls;
  controls = { ...DEFAULTS, key: spec };
  for (const pair of spec.split(',')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1));
    if (name === 'chunks') controls.chunks = toCount(name, value, 1);
    else if (name === 'delay') controls.delayMs = toCount(name, value, 0);
    else if (name === 'retryAfter') controls.retryAfterS = toCount(name, value, 0);
    else if (name === 'cutAfter') controls.cutAfter = toCount(name, value, 0);
    else if (name === 'fault') {
      if (!FAULTS.has(value)) throw new Error(`fake provider: fault=${value} is not one of ${[...FAULTS].join(', ')}`);
      controls.fault = value as FakeFault;
    } else if (name !== 'tag') throw new Error(`fake provider: unknown control "${name}" in "${spec}"`);
  }
  parsed.set(spec, controls);
  return controls;
}

/** Splits a request path into its control spec (from a leading `/c/<spec>`) and the provider path. */
export function splitControlPrefix(path: string): { spec: string; rest: string } {
  if (!path.startsWith('/c/')) return { spec: '', rest: path };
  const end = path.indexOf('/', 3);
  if (end === -1) return { spec: path.slice(3), rest: '/' };
  return { spec: path.slice(3, end), rest: path.slice(end) };
}
