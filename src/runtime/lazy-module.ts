import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SwitchyardError } from '../errors/switchyard-error.ts';

const requireFile = createRequire(import.meta.url);
// Source runs as TypeScript (tests, the demo); the package runs the built JavaScript under dist/.
const fromSource = import.meta.url.endsWith('.ts');
let root: URL | undefined;

/**
 * A part of Switchyard that is loaded on first use instead of at import, so that `import 'switchyard'` stays
 * fast: `specifier` is the module's path from the package root, as written in the source (`src/library.ts`).
 * Returns a getter that loads it synchronously the first time (require of an ES module) and then returns it.
 * The test setup turns each of these calls into a static import (vitest.config.ts).
 */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load<T>(specifier));
}

function load<T>(specifier: string): T {
  // The package's own name resolves to its root from any of its files (a self-reference), built or not.
  root ??= new URL('./', import.meta.resolve('switchyard/package.json'));
  const path = fromSource ? specifier : `dist/${specifier.replace(/\.ts$/, '.js')}`;
  const file = fileURLToPath(new URL(path, root));
  try {
    return requireFile(file) as T;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes(file)) throw error;
    throw new SwitchyardError('missing_dependency', `Switchyard could not load its part ${path}, which it loads on first use: reinstall switchyard. When bundling your application, keep switchyard external (esbuild --external:switchyard, webpack externals).`, { cause: error });
  }
}
