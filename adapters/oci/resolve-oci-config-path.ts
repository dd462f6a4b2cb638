import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandHome } from './expand-home.ts';
import type { OCIProfileSource } from './load-oci-profile.ts';

/**
 * Picks the config file the way OCI's Python and Go SDKs do: an explicit path; else `~/.oci/config` when it
 * exists; else `OCI_CONFIG_FILE`; else `~/.oraclebmc/config` when it exists; else `~/.oci/config` (reported missing).
 */
export function resolveOCIConfigPath(source: Omit<OCIProfileSource, 'profile'>): string {
  if (source.configFile) return expandHome(source.configFile, source.homeDir);
  const standard = join(source.homeDir, '.oci', 'config');
  if (existsSync(standard)) return standard;
  if (source.env.OCI_CONFIG_FILE) return expandHome(source.env.OCI_CONFIG_FILE, source.homeDir);
  const legacy = join(source.homeDir, '.oraclebmc', 'config');
  return existsSync(legacy) ? legacy : standard;
}
