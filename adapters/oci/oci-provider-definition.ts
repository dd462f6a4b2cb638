import * as z from 'zod';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { createOCI } from './create-oci.ts';

/** The `type: oci` entry of the provider registry: its config keys and factory. */
export const ociProviderDefinition: ProviderDefinition = {
  type: 'oci',
  configSchema: z.strictObject({
    region: z.string().min(1).optional(),
    baseURL: z.url().optional(),
    compartmentId: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    tenancy: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    fingerprint: z.string().min(1).optional(),
    privateKey: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    profile: z.string().min(1).optional(),
    configFile: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
    api: z.enum(['chat', 'responses']).optional(),
  }),
  // On-demand per token; a dedicated AI cluster billed by the hour (billing: gpu-hours or provisioned) is provisioned.
  expectedCapacity: (_provider, s) => (s.capacityBilled ? 'provisioned' : 'on-demand'),
  create: (config, context) => createOCI({ ...(config as object), id: context.id, transport: context.transport, env: context.env, now: context.now }),
};
