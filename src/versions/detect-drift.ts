import { normalizeModelVersion } from './normalize-model-version.ts';

/** A served version that differs from the pin. */
export interface Drift {
  /** The pinned version. */
  pin: string;
  /** The version the provider said it served. */
  served: string;
}

const VERSION_SUFFIX = /^(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3})$/;

/**
 * Compares the version a provider served (`ChatResult.model`, a stream's finish `model`: OpenAI and Azure `model`,
 * Vertex `modelVersion`) with the pin. Harmless differences are not drift: case, surrounding spaces, the
 * `models/` and `publishers/<p>/models/` prefixes, and a served id that carries no version at all while the pin is
 * that id plus a version (`gpt-4o` served for pin `gpt-4o-2024-08-06`): such an answer cannot contradict the pin.
 *
 * @returns the drift, or undefined when there is no pin, nothing was reported, or the versions agree.
 */
export function detectDrift(pin: string | undefined, served: string | undefined): Drift | undefined {
  if (pin === undefined || served === undefined) return undefined;
  const p = normalizeModelVersion(pin);
  const s = normalizeModelVersion(served);
  if (p === '' || s === '' || p === s) return undefined;
  if (p.startsWith(`${s}-`) && VERSION_SUFFIX.test(p.slice(s.length + 1))) return undefined;
  return { pin, served };
}
