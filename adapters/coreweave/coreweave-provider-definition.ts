import * as z from 'zod';
import { REASONING_EFFORTS } from '../../src/reasoning/reasoning-effort.ts';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { COREWEAVE_PROJECT, COREWEAVE_PROJECT_MESSAGE } from './coreweave-project.ts';
import { createCoreWeave } from './create-coreweave.ts';

const modelReasoning = {
  style: z.enum(['reasoning_effort', 'chat_template_kwargs', 'none']).optional(),
  efforts: z.array(z.enum(REASONING_EFFORTS as [string, ...string[]])).min(1).optional(),
  kwargs: z.record(z.string(), z.unknown()).optional(),
  offKwargs: z.record(z.string(), z.unknown()).optional(),
  effortKwarg: z.string().min(1).optional(),
  budgetField: z.union([z.string().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'must be a field name or a dotted path such as nvext.max_thinking_tokens'), z.literal(false)]).optional(),
};

/** The `type: coreweave` entry of the provider registry: its config keys (`reasoning`: see `CoreWeaveReasoningSettings`) and factory. */
export const coreweaveProviderDefinition: ProviderDefinition = {
  type: 'coreweave',
  configSchema: z.strictObject({
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    project: z.string().regex(COREWEAVE_PROJECT, COREWEAVE_PROJECT_MESSAGE).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
    reasoning: z
      .strictObject({
        ...modelReasoning,
        models: z.record(z.string(), z.strictObject(modelReasoning)).optional(),
        replayField: z.union([z.enum(['reasoning', 'reasoning_content']), z.literal(false)]).optional(),
      })
      .optional(),
  }),
  // Serverless Inference is pay-as-you-go; dedicated GPUs (billing: gpu-hours) are provisioned.
  expectedCapacity: (_provider, s) => (s.capacityBilled ? 'provisioned' : 'on-demand'),
  create: (config, context) => createCoreWeave({ ...(config as object), id: context.id, transport: context.transport }),
};
