import { randomBytes } from 'node:crypto';
import { createOpenAIMock, type ProviderMock } from './create-openai-mock.ts';
import type { ScriptStep } from './script-step.ts';

/** Options of `createOCIMock`. */
export interface OCIMockOptions {
  /** The OCI region whose Generative AI endpoint to answer on. @default 'us-chicago-1' */
  region?: string | undefined;
  /** The base URL instead of the region's (`https://inference.generativeai.{region}.oci.oraclecloud.com/openai/v1`). */
  baseURL?: string | undefined;
  /** What to answer, one step per request; the last repeats. */
  script: ScriptStep | ScriptStep[];
  /** The model reported when the script names none. @default the request's model */
  servedModel?: string | undefined;
}

/**
 * msw handlers for OCI Generative AI's OpenAI-compatible endpoint, with OCI's `opc-request-id` on every
 * response. It does not check request signatures: assert `mock.requests[i].headers.authorization` yourself.
 * @example
 * const oci = createOCIMock({ region: 'eu-frankfurt-1', script: { type: 'text', text: 'Hi' } });
 * server.use(...oci.handlers);
 */
export function createOCIMock(options: OCIMockOptions): ProviderMock {
  const region = options.region ?? 'us-chicago-1';
  const baseURL = options.baseURL ?? `https://inference.generativeai.${region}.oci.oraclecloud.com/openai/v1`;
  return createOpenAIMock({
    baseURL,
    script: options.script,
    ...(options.servedModel !== undefined ? { servedModel: options.servedModel } : {}),
    responseHeaders: () => ({ 'opc-request-id': randomBytes(16).toString('hex').toUpperCase() }),
  });
}
