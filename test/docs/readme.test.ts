import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLOOR } from '../../src/runtime/node-floor.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  files: string[];
  exports: Record<string, unknown>;
  license: string;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('README.md as the npm page shows it', () => {
  it('should have no relative links (npm renders them dead): every link is absolute or an anchor', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !/^(https?:\/\/|#)/.test(link))).toEqual([]);
  });

  it('should give commands that work in an application, not only in this repository', () => {
    expect(readme).not.toMatch(/npm run switchyard/);
    expect(readme).toMatch(/npx switchyard report/);
    expect(readme).toContain('npm install ai@^7 @ai-sdk/provider@^4');
  });

  it('should give the install line of every optional peer dependency, at its major, in the install section', () => {
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Try it'));
    for (const [name, range] of Object.entries(pkg.peerDependencies)) {
      expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true);
      expect(install, name).toContain(`\`${name}@^${/\d+/.exec(range)?.[0]}\``);
    }
  });

  it('should state the same Node.js floor as package.json and the floor check', () => {
    const [major, minor] = NODE_FLOOR.split('.');
    expect(pkg.engines.node).toBe(`>=${major}.${minor}`);
    expect(readme).toContain(`Switchyard needs Node.js ${major}.${minor} or newer`);
  });

  it('should ship the license, the config reference and the JSON Schema', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'docs', 'switchyard.schema.json']));
    expect(pkg.exports['./config-schema.json']).toBe('./switchyard.schema.json');
  });
});
