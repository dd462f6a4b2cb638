import type { CapacityRequestType, CapacityTier } from '../types/capacity-tier.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { ServedCapacity } from '../types/served-capacity.ts';

/** What the router knows about a target's capacity from the config. */
export interface TargetCapacity {
  /** The provider's type. */
  providerType: string;
  /**
   * The tier an answer that names none was served in: for an Azure provisioned deployment (whose own answers carry no
   * marker), a Vertex `requestType: provisioned`, an OpenAI `serviceTier`. Null when the config leaves it open (Vertex
   * Provisioned Throughput that overflows to pay-as-you-go); undefined when the provider's type says nothing (custom types).
   */
  expected: CapacityTier | null | undefined;
  /** The same, as a shared `ServedCapacity` (undefined when `expected` is null). */
  served: ServedCapacity | undefined;
  /** Azure: the standard deployment the target spills over to (target `spillover`, else the provider's). */
  spillover?: string;
  /** The request fields the target sets when a request does not (`spillover`, `requestType`, `serviceTier`). */
  request?: Pick<ChatRequest, 'spillover' | 'requestType' | 'serviceTier'>;
}

/** The keys `targetCapacity` reads from a provider entry. */
export interface CapacityProviderConfig {
  billing?: { type: string };
  deployments?: Record<string, { model?: string; capacity?: string } | undefined>;
  spillover?: { deployment: string };
  requestType?: CapacityRequestType;
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

/**
 * The capacity a target is expected to be served in, from its provider's type and config:
 * - capacity billing (`billing: provisioned` or `gpu-hours`) means `provisioned`, except for an Azure deployment marked
 *   `capacity: standard` or named as a spillover deployment anywhere in the config (`spilloverDeployments`:
 *   `standard`), and for Vertex, whose Provisioned
 *   Throughput overflows to pay-as-you-go unless `requestType: provisioned` (then open: null, `trafficType` tells);
 * - Vertex: `requestType` `provisioned`, `priority`, `flex`, `shared` (`on-demand`), else `on-demand`;
 * - OpenAI and Azure: `serviceTier` `flex` or `priority`, else `standard`; CoreWeave and OCI: `on-demand`;
 *   another type: undefined (nothing known).
 */
export function targetCapacity(
  providerType: string,
  provider: CapacityProviderConfig | undefined,
  target: CapacityTargetConfig,
  spilloverDeployments?: ReadonlySet<string>,
): TargetCapacity {
  const capacityBilled = provider?.billing !== undefined && provider.billing.type !== 'per-token';
  const spillover = target.spillover?.deployment ?? provider?.spillover?.deployment;
  const requestType = target.requestType ?? provider?.requestType;
  let expected: CapacityTier | null | undefined;
  if (providerType === 'vertex') {
    const tier = requestType === undefined ? 'on-demand' : requestTier(requestType);
    expected = capacityBilled && tier !== 'provisioned' ? null : tier;
  } else if (providerType === 'azure-openai') {
    const marked = provider?.deployments?.[target.model]?.capacity;
    const standard = marked === 'standard' || (marked === undefined && (target.model === spillover || spilloverDeployments?.has(target.model) === true || !capacityBilled));
    expected = standard ? (serviceTierTier(target.serviceTier) ?? 'standard') : 'provisioned';
  } else if (capacityBilled) expected = 'provisioned';
  else if (providerType === 'openai') expected = serviceTierTier(target.serviceTier) ?? 'standard';
  else expected = providerType === 'coreweave' || providerType === 'oci' ? 'on-demand' : undefined;

  const capacity: TargetCapacity = { providerType, expected, served: expected == null ? undefined : servedAs(expected) };
  if (spillover !== undefined && expected === 'provisioned') capacity.spillover = spillover;
  const request: TargetCapacity['request'] = {};
  if (target.spillover) request.spillover = target.spillover;
  if (target.requestType) request.requestType = target.requestType;
  if (target.serviceTier) request.serviceTier = target.serviceTier;
  if (Object.keys(request).length > 0) capacity.request = request;
  return capacity;
}

/** The tier a request expects, when it sets its own `requestType` or `serviceTier`; else the target's. */
export function expectedCapacity(capacity: TargetCapacity, request: ChatRequest | EmbedRequest): CapacityTier | null | undefined {
  const own = request as ChatRequest;
  if (own.requestType !== undefined && capacity.providerType === 'vertex') return requestTier(own.requestType);
  if (own.serviceTier !== undefined && capacity.expected !== 'provisioned' && (capacity.providerType === 'openai' || capacity.providerType === 'azure-openai')) {
    return serviceTierTier(own.serviceTier) ?? capacity.expected;
  }
  return capacity.expected;
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

function requestTier(type: CapacityRequestType): CapacityTier {
  return type === 'shared' ? 'on-demand' : type;
}

function serviceTierTier(tier: ChatRequest['serviceTier']): CapacityTier | undefined {
  return tier === 'flex' ? 'flex' : tier === 'priority' ? 'priority' : tier === 'default' ? 'standard' : undefined;
}
