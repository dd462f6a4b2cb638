import type { ServedCapacity } from '../../src/types/served-capacity.ts';

// One frozen object per known value: nothing is allocated per response.
const KNOWN: Record<string, ServedCapacity> = {
  default: Object.freeze({ tier: 'standard', raw: 'default' }),
  flex: Object.freeze({ tier: 'flex', raw: 'flex' }),
  priority: Object.freeze({ tier: 'priority', raw: 'priority' }),
  // `fast` is the request-side alias of priority; the response says `priority` (openai-node's ChatCompletion docs).
  fast: Object.freeze({ tier: 'priority', raw: 'fast' }),
};

/**
 * The capacity a response's `service_tier` names: `default` → `standard`, `flex` → `flex`, `priority` (and its request
 * alias `fast`) → `priority`, per the `service_tier` documentation in the official `openai` package (ChatCompletion:
 * "the response body will include the service_tier value based on the processing mode actually used"). Any other value
 * (`scale`, `auto`, one added later) gives tier null with the value in `raw`, so that its cost is unknown rather than
 * guessed. Undefined when the response has none.
 */
export function mapOpenAIServiceTier(raw: string | null | undefined): ServedCapacity | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  return KNOWN[raw] ?? { tier: null, raw };
}
