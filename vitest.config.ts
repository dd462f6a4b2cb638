import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const root = fileURLToPath(new URL('./', import.meta.url));

/**
 * Switchyard loads some of its parts on first use (`lazyModule('src/library.ts')` or `lazyModule<T>('…')`, a synchronous require of an ES
 * module) so that importing it stays fast. Under vitest each such call becomes a static import, so that the part is
 * in vitest's module graph like everything else (one instance of each module, `vi.mock` applies). The lazy loading
 * itself is tested against the built package and the source run by Node (test/runtime).
 */
function lazyModulesAsImports(): Plugin {
  return {
    name: 'switchyard-lazy-modules-as-imports',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || id.endsWith('/src/runtime/lazy-module.ts') || !code.includes('lazyModule')) return undefined;
      const imports: string[] = [];
      const out = code.replace(/\blazyModule(?:<[^>]*>)?\('([^']+)'\)/g, (_, specifier: string) => {
        const name = `__switchyardLazy${imports.length}`;
        // Relative to the importer, as a source import is (an absolute path would make vitest load it natively).
        const path = relative(dirname(id), root + specifier);
        imports.push(`import * as ${name} from ${JSON.stringify(path.startsWith('.') ? path : `./${path}`)};`);
        return `(() => ${name})`;
      });
      // Appended (imports are hoisted), so that line numbers stay those of the source.
      return imports.length === 0 ? undefined : { code: `${out}\n${imports.join('\n')}\n`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [lazyModulesAsImports()],
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/msw-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // One known artifact of intercepting undici with msw, ignored narrowly: when a streamed response is aborted, the
    // interceptor's synthetic socket later emits `close` without the error a real socket emits when undici destroys
    // it, so undici's parser completes the aborted request and trips its own `assert(!this.aborted)`. Anything else,
    // and this assertion from anywhere but undici under the interceptor, still fails the run.
    onUnhandledError(error) {
      const stack = (error as { stack?: string }).stack ?? '';
      const known = stack.includes('assert(!this.aborted)') || String(error.message).includes('assert(!this.aborted)');
      if (known && stack.includes('undici/lib/core/request.js') && stack.includes('@mswjs/interceptors')) return false;
    },
  },
});
