// `npm run build`: the type declarations from tsc (one .d.ts per source file under dist/), then the JavaScript from
// rolldown: one file per package entry point (`exports`, `bin`) and per part loaded on first use (`lazyModule(...)`
// in the source), their shared code in a few chunks under dist/chunks/. Bundling matters for cold start: Node
// pays about half a millisecond per module it loads, and Switchyard has over two hundred.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { default?: string }>; bin: Record<string, string> };

/** `./dist/src/index.js` -> `src/index` (the entry's name is its path under dist, without the extension). */
const entryName = (target: string) => target.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
const entries = new Map<string, string>();
for (const target of Object.values(pkg.exports)) {
  const file = typeof target === 'string' ? target : target.default;
  if (file?.startsWith('./dist/') && file.endsWith('.js')) entries.set(entryName(file), `${entryName(file)}.ts`);
}
for (const file of Object.values(pkg.bin)) entries.set(entryName(file), `${entryName(file)}.ts`);

// Every part the source loads on first use must exist as its own file at its own path.
const LAZY = /\blazyModule(?:<[^>]*>)?\('([^']+)'\)/g;
const walk = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
for (const file of [...walk('src'), ...walk('adapters')]) {
  for (const [, specifier] of readFileSync(join(root, file), 'utf8').matchAll(LAZY)) entries.set(specifier.replace(/\.ts$/, ''), specifier);
}

/**
 * Dependencies bundled into Switchyard's own chunks (their licenses go to dist/THIRD-PARTY-LICENSES.md). zod validates
 * the config when `createSwitchyard` runs: loaded as a package, it is some 95 modules (its ~50 locales among them,
 * which every zod entry point loads), about half of the time `createSwitchyard` takes in a fresh process; bundled,
 * only the parts the schemas use remain. zod stays a dependency: its types are in Switchyard's declarations, and a zod
 * schema of the application's (structured output, tool parameters) is converted with the application's zod, loaded
 * when such a request comes. yaml (70 modules) reads YAML config files, and is only used inside Switchyard.
 */
const BUNDLED = ['zod', 'yaml'];

rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

await build({
  cwd: root,
  input: Object.fromEntries([...entries].map(([name, source]) => [name, join(root, source)])),
  platform: 'node',
  // Dependencies, peers and Node's modules stay imports: only Switchyard's own code is bundled, and zod (see BUNDLED).
  external: (id) => !id.startsWith('.') && !isAbsolute(id) && !BUNDLED.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: join(root, 'dist'),
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
    comments: { jsdoc: false, legal: true, annotation: true },
    // The error classes are one chunk: every entry point needs some of them, and split by which entry needs which they
    // would be a dozen tiny files to load at import.
    codeSplitting: { groups: [{ name: 'errors', test: /[\\/]src[\\/]errors[\\/]/ }] },
  },
});
const notices = BUNDLED.map((name) => {
  const { version, license } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license: string };
  return `## ${name} ${version} (${license})\n\n${readFileSync(join(root, 'node_modules', name, 'LICENSE'), 'utf8').trim()}\n`;
});
writeFileSync(join(root, 'dist', 'THIRD-PARTY-LICENSES.md'), `# Third-party code bundled into Switchyard's dist/\n\n${notices.join('\n')}`);
console.log(`built ${entries.size} entry points: ${[...entries.keys()].join(', ')}`);
