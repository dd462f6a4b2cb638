import * as z from 'zod';
import type { ProviderDefinition } from '../../src/types/provider-definition.ts';
import { createVertex } from './create-vertex.ts';
import { vertexModelRoute, type VertexPublisher } from './vertex-publisher.ts';

/** The `type: vertex` entry of the provider registry: its config keys and factory. */
export const vertexProviderDefinition: ProviderDefinition = {
  type: 'vertex',
  configSchema: z.strictObject({
    project: z.string().min(1).optional(),
    location: z.string().regex(/^[a-z0-9-]+$/, 'must be a region such as us-central1, or global, us, eu').optional(),
    apiVersion: z.enum(['v1', 'v1beta1']).optional(),
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    googleAuthOptions: z.record(z.string(), z.unknown()).optional(),
    tokenRefreshMarginMs: z.number().int().nonnegative().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    publisher: z.enum(['google', 'anthropic']).optional(),
    anthropic: z
      .strictObject({
        version: z.enum(['vertex-2023-10-16', '2026-10-21']).optional(),
        structuredOutput: z.enum(['tool', 'native']).optional(),
        defaultMaxTokens: z.number().int().positive().optional(),
      })
      .optional(),
    requestType: z.enum(['provisioned', 'shared', 'priority', 'flex']).optional(),
  }),
  targetSettings: ['requestType'],
  // Provisioned Throughput overflows to pay-as-you-go unless the request asks for it alone (dedicated): then open.
  // Claude answers name no traffic type, and Priority and Flex PayGo are Gemini's: a Claude request under them is sent
  // with no capacity header (see `vertexClaudeRequestHeaders`), so it is expected where Vertex's default puts it.
  expectedCapacity(provider, s) {
    if (s.requestType === 'shared') return 'on-demand';
    const claude = vertexModelRoute(s.model, provider.publisher as VertexPublisher | undefined).publisher === 'anthropic';
    const requested = claude && (s.requestType === 'priority' || s.requestType === 'flex') ? undefined : s.requestType;
    const tier = requested ?? 'on-demand';
    return s.capacityBilled && tier !== 'provisioned' ? null : tier;
  },
  create: (config, context) => createVertex({ ...(config as object), id: context.id, transport: context.transport, env: context.env, now: context.now }),
};
