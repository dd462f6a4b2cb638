// After `npm run build`: every subpath in package.json "exports" resolves (through the package's own name) to built
// JavaScript and type declarations, and its main factory is there.
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
let failed = 0;
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object') continue;
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  try {
    if (!existsSync(new URL(`../${target.types}`, import.meta.url))) throw new Error(`missing ${target.types}`);
    const mod = await import(specifier);
    const names = Object.keys(mod).filter((name) => /^create[A-Z]/.test(name));
    if (names.length === 0) throw new Error('exports no create… factory');
    console.log(`ok   ${specifier}: ${names.join(', ')}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${specifier}: ${error.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
