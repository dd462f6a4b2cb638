import * as z from 'zod';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { isCalendarDate } from './azure-api-version.ts';
import { createAzureOpenAI } from './create-azure-openai.ts';

/**
 * The `type: azure-openai` entry of the provider registry: its config keys and factory.
 * Auth is `apiKey` (usually `${AZURE_OPENAI_API_KEY}`), or `credential: default` for
 * `DefaultAzureCredential` (needs the optional package `@azure/identity`).
 */
export const azureOpenAIProviderDefinition: ProviderDefinition = {
  type: 'azure-openai',
  configSchema: z.strictObject({
    endpoint: z.url(),
    apiKey: z.string().min(1).optional(),
    credential: z.literal('default').optional(),
    tokenScope: z.string().min(1).optional(),
    apiVersion: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2}(-preview)?|v1|preview)$/, 'apiVersion must look like 2024-10-21 or 2025-04-01-preview, or be v1 or preview')
      .refine((v) => !/^\d/.test(v) || isCalendarDate(v.slice(0, 10)), 'apiVersion must be a real date (YYYY-MM-DD), such as 2024-10-21')
      .optional(),
    deployments: z.record(z.string(), z.strictObject({ model: z.string().min(1), capacity: z.enum(['provisioned', 'standard']).optional() })).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    api: z.enum(['chat', 'responses']).optional(),
    spillover: z.strictObject({ deployment: z.string().min(1) }).optional(),
  }),
  targetSettings: ['spillover', 'serviceTier'],
  // A deployment of a PTU-billed resource is provisioned unless marked standard or named as a spillover deployment.
  expectedCapacity(provider, s) {
    const marked = (provider.deployments as Record<string, { capacity?: string } | undefined> | undefined)?.[s.model]?.capacity;
    const standard = marked === 'standard' || (marked === undefined && (s.model === s.spillover || s.spilloverDeployments.has(s.model) || !s.capacityBilled));
    if (!standard) return 'provisioned';
    return s.serviceTier === 'flex' ? 'flex' : s.serviceTier === 'priority' ? 'priority' : 'standard';
  },
  create: (config, context) =>
    createAzureOpenAI({ ...(config as object), id: context.id, transport: context.transport, env: context.env, ...(context.now ? { now: context.now } : {}) }),
};
