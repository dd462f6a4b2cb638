import { join } from 'node:path';

/** Expands a leading `~` or `~/` to `homeDir`, as OCI's tools do for `key_file` and config paths. */
export function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homeDir, path.slice(2));
  return path;
}
