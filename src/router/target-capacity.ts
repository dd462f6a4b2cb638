import type { CapacityRequestType, CapacityTier } from '../types/capacity-tier.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { CapacityTargetSettings, ProviderDefinition } from '../types/provider-definition.ts';
import type { ServedCapacity } from '../types/served-capacity.ts';

/** What the router knows about a target's capacity from the config. */
export interface TargetCapacity {
  /**
   * The tier an answer that names none was served in (`ProviderDefinition.expectedCapacity`). Null when the config
   * leaves it open (Vertex Provisioned Throughput that overflows to pay-as-you-go); undefined when nothing is known.
   */
  expected: CapacityTier | null | undefined;
  /** The same, as a shared `ServedCapacity` (undefined unless `expected` is a tier). */
  served: ServedCapacity | undefined;
  /** Azure: the standard deployment a provisioned target spills over to (target `spillover`, else the provider's). */
  spillover?: string;
  /** The request fields the target sets when a request does not (`spillover`, `requestType`, `serviceTier`). */
  request?: Pick<ChatRequest, 'spillover' | 'requestType' | 'serviceTier'>;
  /** The expected tier under a request's own `requestType` or `serviceTier`. */
  forRequest(requestType: CapacityRequestType | undefined, serviceTier: ChatRequest['serviceTier']): CapacityTier | null | undefined;
}

/** The keys `targetCapacity` reads from a provider entry (the definition reads the rest). */
export interface CapacityProviderConfig {
  billing?: { type: string };
  spillover?: { deployment: string };
  requestType?: CapacityRequestType;
  [key: string]: unknown;
}

/** The keys `targetCapacity` reads from a target entry. */
export interface CapacityTargetConfig {
  model: string;
  spillover?: { deployment: string };
  requestType?: CapacityRequestType;
  serviceTier?: ChatRequest['serviceTier'];
}

const SERVED = new Map<CapacityTier, ServedCapacity>();
/** One frozen `ServedCapacity` per tier, shared by every attempt. */
export function servedAs(tier: CapacityTier): ServedCapacity {
  let served = SERVED.get(tier);
  if (!served) SERVED.set(tier, (served = Object.freeze({ tier })));
  return served;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The capacity a target is expected to be served in, asked of its provider type (`ProviderDefinition.expectedCapacity`);
 * a type that does not say is `provisioned` under capacity billing (`billing: provisioned` or `gpu-hours`), else unknown.
 */
export function targetCapacity(
  definition: ProviderDefinition | undefined,
  provider: CapacityProviderConfig | undefined,
  target: CapacityTargetConfig,
  spilloverDeployments: ReadonlySet<string> = NONE,
): TargetCapacity {
  const entry = provider ?? {};
  const settings: CapacityTargetSettings = {
    model: target.model,
    capacityBilled: entry.billing !== undefined && entry.billing.type !== 'per-token',
    spilloverDeployments,
  };
  const spillover = target.spillover?.deployment ?? entry.spillover?.deployment;
  if (spillover !== undefined) settings.spillover = spillover;
  const requestType = target.requestType ?? entry.requestType;
  if (requestType !== undefined) settings.requestType = requestType;
  if (target.serviceTier !== undefined) settings.serviceTier = target.serviceTier;
  const decide = (s: CapacityTargetSettings): CapacityTier | null | undefined =>
    definition?.expectedCapacity ? definition.expectedCapacity(entry, s) : s.capacityBilled ? 'provisioned' : undefined;
  const expected = decide(settings);

  const capacity: TargetCapacity = {
    expected,
    served: expected == null ? undefined : servedAs(expected),
    forRequest(type, tier) {
      const own = { ...settings };
      if (type !== undefined) own.requestType = type;
      if (tier !== undefined) own.serviceTier = tier;
      return decide(own);
    },
  };
  if (spillover !== undefined && expected === 'provisioned') capacity.spillover = spillover;
  const request: TargetCapacity['request'] = {};
  if (target.spillover) request.spillover = target.spillover;
  if (target.requestType) request.requestType = target.requestType;
  if (target.serviceTier) request.serviceTier = target.serviceTier;
  if (Object.keys(request).length > 0) capacity.request = request;
  return capacity;
}

/** The tier a request expects: the target's, or under the request's own `requestType` or `serviceTier`. */
export function expectedCapacity(capacity: TargetCapacity, request: ChatRequest | EmbedRequest): CapacityTier | null | undefined {
  const own = request as ChatRequest;
  if (own.requestType === undefined && own.serviceTier === undefined) return capacity.expected;
  return capacity.forRequest(own.requestType, own.serviceTier);
}

/**
 * The capacity that served an attempt: what the answer said (`reported`), completed from the config: an answer that
 * names no tier was served as the target expects; a spillover without the serving deployment's name spilled to the
 * configured one.
 */
export function resolveCapacity(capacity: TargetCapacity | undefined, request: ChatRequest | EmbedRequest, reported: ServedCapacity | undefined): ServedCapacity | undefined {
  if (reported) {
    if (reported.tier === 'spillover' && reported.deployment === undefined && capacity?.spillover !== undefined) return { ...reported, deployment: capacity.spillover };
    return reported;
  }
  if (!capacity) return undefined;
  const own = request as ChatRequest;
  if (own.requestType === undefined && own.serviceTier === undefined) return capacity.served;
  const tier = expectedCapacity(capacity, request);
  return tier == null ? undefined : servedAs(tier);
}
