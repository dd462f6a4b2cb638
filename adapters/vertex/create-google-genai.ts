import { ConfigError } from '../../src/errors/config-error.ts';
import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { VertexAuth } from './vertex-auth.ts';

/** What the escape hatch needs to configure `GoogleGenAI` like the provider. */
export interface GoogleGenAIOptions {
  /** The project (absent in express mode). */
  project?: string;
  /** The location (`us-central1`, `global`). */
  location: string;
  /** The pinned REST version (`v1`, `v1beta1`). */
  apiVersion: string;
  /** The base URL replacing scheme and host, when set. */
  baseURL?: string;
  /** Extra headers from the settings (lower-case names). */
  headers: Record<string, string>;
  /** The provider's credentials. */
  auth: VertexAuth;
  /** The provider's transport. */
  transport: HttpTransport;
}

/**
 * What Switchyard's types say of the `GoogleGenAI` client, without naming `@google/genai` (an optional peer): the
 * client is in Vertex mode and has `models`. Name the real type to use the rest (`getGoogleGenAI<GoogleGenAI>()`).
 */
export interface GoogleGenAILike {
  readonly vertexai: boolean;
  readonly models: unknown;
}

/**
 * The escape hatch: a `GoogleGenAI` from `@google/genai` in Vertex mode with the provider's project, location,
 * API version, base URL and headers, sending through the provider's transport. Credentials are the provider's own:
 * the express-mode API key, or an auth client that hands out the provider's (cached, renewed) access token.
 * Retries stay off (the genai default), as they belong to the router. `@google/genai` is loaded only when called.
 */
export async function createGoogleGenAI(options: GoogleGenAIOptions): Promise<GoogleGenAILike> {
  let mod: typeof import('@google/genai');
  try {
    mod = await import('@google/genai');
  } catch (error) {
    throw new ConfigError([{ path: 'getGoogleGenAI', message: 'The escape hatch needs the @google/genai package: npm install @google/genai@^3.' }], { source: 'createVertex', cause: error });
  }
  const httpOptions: Record<string, unknown> = { apiVersion: options.apiVersion, headers: options.headers, fetch: options.transport.fetch };
  if (options.baseURL) httpOptions.baseUrl = options.baseURL;
  if (options.auth.kind === 'api-key') {
    return new mod.GoogleGenAI({ vertexai: true, apiKey: await options.auth.token(), apiVersion: options.apiVersion, httpOptions });
  }
  const auth = options.auth;
  const authClient = { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${await auth.token()}` }) };
  return new mod.GoogleGenAI({
    vertexai: true,
    project: options.project,
    location: options.location,
    apiVersion: options.apiVersion,
    googleAuthOptions: { authClient: authClient as never },
    httpOptions,
  });
}
