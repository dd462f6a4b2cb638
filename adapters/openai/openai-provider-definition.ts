import * as z from 'zod';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { createOpenAI } from './create-openai.ts';

/** The `type: openai` entry of the provider registry: its config keys and factory. */
export const openaiProviderDefinition: ProviderDefinition = {
  type: 'openai',
  configSchema: z.strictObject({
    apiKey: z.string().min(1),
    baseURL: z.url().optional(),
    organization: z.string().optional(),
    project: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    api: z.enum(['chat', 'responses']).optional(),
  }),
  targetSettings: ['serviceTier'],
  expectedCapacity: (_provider, s) => (s.capacityBilled ? 'provisioned' : s.serviceTier === 'flex' ? 'flex' : s.serviceTier === 'priority' ? 'priority' : 'standard'),
  create: (config, context) => createOpenAI({ ...(config as object), id: context.id, transport: context.transport, env: context.env }),
};
