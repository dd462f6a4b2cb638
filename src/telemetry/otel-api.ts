import type * as OtelApi from '@opentelemetry/api';
import { loadPackage } from '../runtime/load-package.ts';

let api: typeof OtelApi | undefined;

/** `@opentelemetry/api`, loaded the first time telemetry may record something (not at import: it is fifty modules). */
export const otelApi = (): typeof OtelApi => (api ??= loadPackage<typeof OtelApi>('@opentelemetry/api'));

// Where every copy of `@opentelemetry/api` 1.x keeps the global providers (its `internal/global-utils`), shared
// across copies by design: reading it tells whether an SDK is registered without loading the API.
const GLOBAL_API = Symbol.for('opentelemetry.js.api.1');

/** Whether a global provider of `kind` (`trace`, `metrics`) is registered, read without loading the API. */
export function hasGlobalOtelProvider(kind: 'trace' | 'metrics'): boolean {
  return (globalThis as Record<symbol, Record<string, unknown> | undefined>)[GLOBAL_API]?.[kind] !== undefined;
}
