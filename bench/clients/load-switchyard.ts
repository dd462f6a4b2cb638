import type * as Adapter from '../../adapters/openai/index.ts';
import type * as Package from '../../src/index.ts';

/**
 * Switchyard for a benchmark client, as an application gets it: the built package's entry points (`dist/`, which
 * `npm run bench` builds first), or with `from=src` in the client's variant the TypeScript sources. Loaded by a
 * computed path, so that type checking does not need a build.
 */
export async function loadSwitchyard(variant: URLSearchParams): Promise<{ pkg: typeof Package; openai: typeof Adapter; from: string }> {
  const src = variant.get('from') === 'src';
  const entry = (built: string, source: string) => new URL(src ? source : built, import.meta.url).href;
  const [pkg, openai] = await Promise.all([
    import(entry('../../dist/src/index.js', '../../src/index.ts')) as Promise<typeof Package>,
    import(entry('../../dist/adapters/openai/index.js', '../../adapters/openai/index.ts')) as Promise<typeof Adapter>,
  ]);
  return { pkg, openai, from: src ? 'the TypeScript sources' : 'the built package (dist/)' };
}
