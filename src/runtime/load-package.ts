import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { missingDependencyError } from './missing-dependency-error.ts';

const requireFile = createRequire(import.meta.url);

/**
 * Loads a dependency synchronously, on first use rather than at import: `import.meta.resolve` finds the file that
 * `import` would load, so the module is the same instance an application's own `import` gets (require of an ES
 * module shares the ESM cache). Use for packages whose import is slow and that a synchronous path needs only
 * sometimes (undici on the first request, `yaml` for a YAML config, `@opentelemetry/api` once an SDK is there).
 *
 * @param missing What to tell when the package is not installed (for an optional peer: who needs it and the
 *   install command). @default that a dependency of Switchyard is missing
 * @throws SwitchyardError (`missing_dependency`) naming the package and how to fix it.
 */
export function loadPackage<T>(specifier: string, missing?: string): T {
  let file: string;
  try {
    file = fileURLToPath(import.meta.resolve(specifier));
  } catch (error) {
    throw missingDependencyError(specifier, error, missing);
  }
  return requireFile(file) as T;
}

