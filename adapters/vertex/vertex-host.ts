import { ConfigError } from '../../src/errors/config-error.ts';

const LOCATION = /^[a-z0-9-]+$/;

/**
 * The host for a location: `global` is `https://aiplatform.googleapis.com`, the multi-regions `us` and `eu`
 * are `https://aiplatform.{us|eu}.rep.googleapis.com`, every other region `https://{location}-aiplatform.googleapis.com`.
 */
export function vertexHost(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
  if (!LOCATION.test(location)) {
    throw new ConfigError([{ path: 'location', message: `"${location}" is not a Vertex AI location: use a region such as us-central1, or global, us, eu.` }], { source: 'createVertex' });
  }
  return `https://${location}-aiplatform.googleapis.com`;
}
