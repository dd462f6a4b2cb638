/** A Redis URL taken apart, for connecting and for messages (`where` never holds the user or the password). */
export interface RedisEndpoint {
  /** `host:port/db`, safe to print. */
  where: string;
  /** True for `rediss://`. */
  tls: boolean;
}

/**
 * Checks a `redis://` or `rediss://` URL (user and password in its user-info part, an optional database number as its
 * path). Returns the endpoint, or a message saying what is wrong; neither ever contains the password or the user.
 */
export function parseRedisUrl(url: string): RedisEndpoint | { problem: string } {
  const example = 'such as redis://:password@redis.internal:6379/0, or rediss:// for TLS';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `expected a redis:// or rediss:// URL ${example}; the value is not a URL (not shown: it may hold a password)` };
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return { problem: `expected a redis:// or rediss:// URL ${example}, found a ${parsed.protocol.replace(/:$/, '') || 'schemeless'}:// URL` };
  }
  if (parsed.hostname === '') return { problem: `the URL has no host; expected a URL ${example}` };
  const path = parsed.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) return { problem: `the URL's path must be a database number (redis://host:6379/0), found a path that is not one` };
  const port = parsed.port || '6379';
  return { where: `${parsed.hostname}:${port}${path ? `/${path}` : ''}`, tls: parsed.protocol === 'rediss:' };
}
