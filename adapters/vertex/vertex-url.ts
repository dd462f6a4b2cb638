import { vertexHost } from './vertex-host.ts';
import type { VertexPublisher } from './vertex-publisher.ts';

/** The Vertex AI methods Switchyard calls: Google's models (`generateContent`, …) and Anthropic's (`rawPredict`, `streamRawPredict`). */
export type VertexMethod = 'generateContent' | 'streamGenerateContent' | 'predict' | 'embedContent' | 'rawPredict' | 'streamRawPredict';

/** What a Vertex URL is made of. */
export interface VertexUrlConfig {
  /** The API version in the path (`v1`, `v1beta1`). */
  apiVersion: string;
  /** The region, `global`, or the multi-region `us` / `eu`. Unused in express mode. */
  location: string;
  /** The project id. Unused in express mode. */
  project?: string;
  /** Replaces scheme and host (and may add a path prefix); the rest of the path keeps its shape. */
  baseURL?: string;
  /** Express mode: the project-less path on the global host. */
  express: boolean;
}

/**
 * Builds the URL of a method for a model. A plain model id is a model of `publisher` (Google's by default:
 * `gemini-2.5-flash`; `anthropic` for `claude-sonnet-4-5@20250929`); a resource path is kept: `endpoints/123` and
 * `publishers/anthropic/models/x` are placed under the project and location, and a full `projects/…` path is used as
 * given. `streamGenerateContent` asks for SSE (`?alt=sse`); `streamRawPredict` streams SSE as it is.
 * @example
 * createVertexUrl({ apiVersion: 'v1', location: 'europe-west4', project: 'acme', express: false })('gemini-2.5-flash', 'generateContent')
 * // https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent
 * @example
 * createVertexUrl({ apiVersion: 'v1', location: 'global', project: 'acme', express: false })('claude-sonnet-4-5@20250929', 'rawPredict', 'anthropic')
 * // https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict
 */
export function createVertexUrl(config: VertexUrlConfig): (model: string, method: VertexMethod, publisher?: VertexPublisher) => string {
  const origin = config.baseURL ? config.baseURL.replace(/\/+$/, '') : config.express ? vertexHost('global') : vertexHost(config.location);
  const root = config.express ? `${origin}/${config.apiVersion}` : `${origin}/${config.apiVersion}/projects/${config.project}/locations/${config.location}`;
  const versionRoot = `${origin}/${config.apiVersion}`;
  return (model, method, publisher = 'google') => {
    const query = method === 'streamGenerateContent' ? '?alt=sse' : '';
    if (model.startsWith('projects/')) return `${versionRoot}/${model}:${method}${query}`;
    const resource = model.includes('/') ? model : `publishers/${publisher}/models/${model}`;
    return `${root}/${resource}:${method}${query}`;
  };
}
