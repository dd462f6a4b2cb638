/**
 * The capacity tier an attempt was served in, which decides its price:
 * - `provisioned`: reserved capacity billed by the hour or term, not per token (Azure PTU, Vertex Provisioned
 *   Throughput, dedicated GPUs): 0 per token, its cost comes from `billing`;
 * - `spillover`: an Azure provisioned deployment was full and the request was served by its standard (pay-as-you-go)
 *   spillover deployment: per token, at that deployment's model price;
 * - `on-demand`: pay-as-you-go per token (Vertex `ON_DEMAND`, CoreWeave Serverless, OCI on-demand);
 * - `priority`: the premium per-token tier (OpenAI and Azure `service_tier: priority`, Vertex Priority PayGo);
 * - `flex`: the discounted, slower per-token tier (OpenAI and Azure `service_tier: flex`, Vertex Flex PayGo);
 * - `standard`: the default per-token tier of the OpenAI wire format (OpenAI `service_tier: default`, Azure standard deployments).
 */
export type CapacityTier = 'provisioned' | 'spillover' | 'on-demand' | 'priority' | 'flex' | 'standard';

/**
 * The capacity a request asks Vertex AI for (`requestType` on a provider or a target):
 * `provisioned` uses Provisioned Throughput only (`X-Vertex-AI-LLM-Request-Type: dedicated`, 429 once it is used up),
 * `shared` bypasses it (`X-Vertex-AI-LLM-Request-Type: shared`, pay-as-you-go only), `priority` and `flex` use
 * Provisioned Throughput first when there is any, then Priority or Flex PayGo (`X-Vertex-AI-LLM-Shared-Request-Type`).
 */
export type CapacityRequestType = 'provisioned' | 'shared' | 'priority' | 'flex';
