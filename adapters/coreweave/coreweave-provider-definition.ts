import * as z from 'zod';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { COREWEAVE_PROJECT, COREWEAVE_PROJECT_MESSAGE } from './coreweave-project.ts';
import { createCoreWeave } from './create-coreweave.ts';

/** The `type: coreweave` entry of the provider registry: its config keys and factory. */
export const coreweaveProviderDefinition: ProviderDefinition = {
  type: 'coreweave',
  configSchema: z.strictObject({
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    project: z.string().regex(COREWEAVE_PROJECT, COREWEAVE_PROJECT_MESSAGE).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
  }),
  // Serverless Inference is pay-as-you-go; dedicated GPUs (billing: gpu-hours) are provisioned.
  expectedCapacity: (_provider, s) => (s.capacityBilled ? 'provisioned' : 'on-demand'),
  create: (config, context) => createCoreWeave({ ...(config as object), id: context.id, transport: context.transport }),
};
