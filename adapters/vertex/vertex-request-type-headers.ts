import type { CapacityRequestType } from '../../src/types/capacity-tier.ts';

/**
 * The request headers of each `requestType`, one frozen object each (Google Cloud docs: "Use Provisioned Throughput",
 * section "Control overages or bypass Provisioned Throughput"; "Priority PayGo"; "Flex PayGo"):
 * - `provisioned`: `X-Vertex-AI-LLM-Request-Type: dedicated` (Provisioned Throughput only; overages get a 429);
 * - `shared`: `X-Vertex-AI-LLM-Request-Type: shared` (bypass Provisioned Throughput, pay-as-you-go only);
 * - `priority` / `flex`: `X-Vertex-AI-LLM-Shared-Request-Type: priority|flex` (Google's "Use Priority PayGo while using
 *   Provisioned Throughput as default": Provisioned Throughput first when the project has some, then Priority or Flex
 *   PayGo; both are served on the `global` endpoint only). Priority or Flex only, skipping Provisioned Throughput, would
 *   also need `X-Vertex-AI-LLM-Request-Type: shared` (the provider's `headers` setting can add it).
 */
export const VERTEX_REQUEST_TYPE_HEADERS: Readonly<Record<CapacityRequestType, Readonly<Record<string, string>>>> = Object.freeze({
  provisioned: Object.freeze({ 'x-vertex-ai-llm-request-type': 'dedicated' }),
  shared: Object.freeze({ 'x-vertex-ai-llm-request-type': 'shared' }),
  priority: Object.freeze({ 'x-vertex-ai-llm-shared-request-type': 'priority' }),
  flex: Object.freeze({ 'x-vertex-ai-llm-shared-request-type': 'flex' }),
});
