/**
 * One known retirement: the models it covers, the date they stop answering, and where that date comes from.
 * Data, not code: the list lives in `model-retirements.ts`; every entry names its source and when it was checked.
 */
export interface ModelRetirement {
  /**
   * The provider type whose models these are. `coreweave` entries cover CoreWeave Serverless Inference
   * (the catalog at api.inference.wandb.ai) only: a self-hosted vLLM or NIM server serves what its operator runs.
   */
  provider: 'openai' | 'azure-openai' | 'vertex' | 'coreweave';
  /**
   * The model ids covered, as sent on the wire (compared case-insensitively). Azure ids combine the model name
   * and its version the way `deployments.<name>.model` spells them (`gpt-4o-2024-08-06`).
   */
  models: readonly string[];
  /** The retirement (shutdown) date, ISO `YYYY-MM-DD` (UTC): from this day on, requests fail. */
  retiresOn: string;
  /** When the provider announced the deprecation, where it says. ISO `YYYY-MM-DD`. */
  deprecatedOn?: string;
  /** The replacement the provider recommends, where it names one. */
  replacement?: string;
  /** The page the date was read from. */
  source: string;
  /** `primary`: the provider's own documentation or SDK; `secondary`: anyone else's report of it. */
  sourceKind: 'primary' | 'secondary';
  /** When the source was checked, ISO `YYYY-MM-DD`. */
  checkedOn: string;
  /** Anything a reader should know about the source (which copy of the page, a conflicting report). */
  note?: string;
}
