import type { ModelRetirement } from './model-retirement.ts';
import { MODEL_RETIREMENTS } from './model-retirements.ts';
import { normalizeModelVersion } from './normalize-model-version.ts';

const DAY_MS = 86_400_000;
// The Serverless Inference host; its catalog is what the `coreweave` entries describe (see adapters/coreweave).
const COREWEAVE_SERVERLESS_HOST = 'api.inference.wandb.ai';

/** Which model to look up. */
export interface RetirementQuery {
  /** The provider type. */
  providerType: string;
  /** The model the target runs: for Azure, the deployment's configured model (`gpt-4o-2024-08-06`). */
  model: string;
  /** CoreWeave: the provider's `baseURL` (undefined means Serverless Inference, the adapter's default). */
  baseURL?: string;
}

/** A known retirement and where a target stands against it. */
export interface RetirementStatus {
  retirement: ModelRetirement;
  /** Whole days from `now` until the retirement date (rounded up; 0 or less once retired). */
  daysLeft: number;
  /** True from the retirement date (00:00 UTC) on. */
  retired: boolean;
}

/**
 * The earliest known retirement of a model, or undefined. CoreWeave entries apply to Serverless Inference
 * only: a self-hosted vLLM or NIM server keeps serving what its operator deployed.
 */
export function findModelRetirement(query: RetirementQuery, list: readonly ModelRetirement[] = MODEL_RETIREMENTS): ModelRetirement | undefined {
  if (query.providerType === 'coreweave' && !isServerless(query.baseURL)) return undefined;
  const id = normalizeModelVersion(query.model);
  let found: ModelRetirement | undefined;
  for (const entry of list) {
    if (entry.provider !== query.providerType) continue;
    if (!entry.models.some((m) => normalizeModelVersion(m) === id)) continue;
    if (found === undefined || entry.retiresOn < found.retiresOn) found = entry;
  }
  return found;
}

/** Where `now` (ms since the epoch) stands against a retirement. */
export function retirementStatus(retirement: ModelRetirement, now: number): RetirementStatus {
  const at = Date.parse(`${retirement.retiresOn}T00:00:00Z`);
  return { retirement, daysLeft: Math.ceil((at - now) / DAY_MS), retired: now >= at };
}

function isServerless(baseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  try {
    return new URL(baseURL).hostname === COREWEAVE_SERVERLESS_HOST;
  } catch {
    return false;
  }
}
