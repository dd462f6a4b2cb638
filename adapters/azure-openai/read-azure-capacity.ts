import type { ServedCapacity } from '../../src/types/served-capacity.ts';
import { mapOpenAIServiceTier } from '../openai-compatible/map-openai-service-tier.ts';

const SPILLOVER_FROM = 'x-ms-spillover-from-';

/**
 * The capacity an Azure OpenAI answer names, from its headers and `service_tier`
 * (MicrosoftDocs/azure-ai-docs, articles/foundry/openai/how-to/spillover-traffic-management.md, "Identify spillover
 * requests"; and flex-processing.md for `service_tier`):
 *
 * - a header `x-ms-spillover-from-<...>` means the request spilled over to the standard deployment: tier `spillover`.
 *   The docs name it `x-ms-spillover-from-<deployment-name>` (2025) and `x-ms-spillover-from-deployment` (2026), each
 *   "contains the PTU deployment name"; any header with that prefix is read. The deployment that served is
 *   `x-ms-deployment-name` ("the name of the standard deployment" when it spilled over), else `configured`
 *   (the spillover deployment the request named); when neither is known it is left out.
 * - `x-ms-spillover-error` means spillover was tried and the standard deployment failed, so the provisioned deployment's
 *   own answer came back (its 429, 400 or 5xx): tier `provisioned`, with the status in `spilloverError`.
 * - otherwise `service_tier` `flex` or `priority` (Azure flex and priority processing). `default` says nothing about
 *   provisioned against standard deployments, so it is not reported: the router takes that from the config.
 *
 * Not confirmed from a primary source: whether a 200 can carry `x-ms-spillover-error` (the docs describe it only with
 * the provisioned deployment's non-200 answer), and the exact value format of the `x-ms-spillover-from-*` header.
 */
export function readAzureCapacity(headers: Record<string, string>, serviceTier: string | undefined, configured: string | undefined): ServedCapacity | undefined {
  const failed = headers['x-ms-spillover-error'];
  if (failed !== undefined) {
    return { tier: 'provisioned', raw: `x-ms-spillover-error: ${failed}`, spilloverError: failed.trim() };
  }
  for (const name in headers) {
    if (!name.startsWith(SPILLOVER_FROM)) continue;
    const capacity: ServedCapacity = { tier: 'spillover', raw: `${name}: ${headers[name]}` };
    const served = headers['x-ms-deployment-name']?.trim() || configured;
    if (served) capacity.deployment = served;
    return capacity;
  }
  if (serviceTier === 'flex' || serviceTier === 'priority') return mapOpenAIServiceTier(serviceTier);
  return undefined;
}
