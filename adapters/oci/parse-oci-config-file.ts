import { ConfigError } from '../../src/errors/config-error.ts';

/** The sections of an OCI config file: section name -> lower-case keys -> values, as written. */
export type OCIConfigSections = Map<string, Record<string, string>>;

/**
 * Parses the INI text of an OCI config file the way Python's `configparser` reads it for OCI's SDK and CLI:
 * `[NAME]` sections, `key=value` or `key: value` (split at the first delimiter), keys case-insensitive,
 * whole-line comments starting with `#` or `;`. Inline comments are not stripped (a `#` may be in a value).
 * `path` is only used in error messages.
 */
export function parseOCIConfigFile(text: string, path: string): OCIConfigSections {
  const sections: OCIConfigSections = new Map();
  let current: Record<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1).trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const at = line.search(/[=:]/);
    if (at <= 0 || current === undefined) {
      const what = current === undefined ? 'a setting before any [PROFILE] section' : 'a line that is not `key=value`';
      throw new ConfigError([{ path: 'configFile', message: `${path} line ${i + 1} is ${what}; fix the OCI config file (see https://docs.oracle.com/iaas/Content/API/Concepts/sdkconfig.htm).` }], { source: 'createOCI' });
    }
    current[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return sections;
}
