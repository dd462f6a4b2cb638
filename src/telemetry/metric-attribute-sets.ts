import type { Attributes } from '@opentelemetry/api';
import type { AttemptEndEvent } from '../types/attempt-event.ts';
import { GEN_AI, SWITCHYARD } from './gen-ai-attributes.ts';
import { genAIOperationName, genAIProviderName } from './gen-ai-provider-name.ts';

/** The attribute sets of one target's metrics: the base, its token types, and one per error type. */
export interface TargetAttributeSets {
  base: Attributes;
  input: Attributes;
  output: Attributes;
  errors: Map<string, Attributes>;
}

/** Distinct targets kept at most; past it the cache starts over (attribute sets are cheap to rebuild). */
const MAX_ENTRIES = 2048;

/**
 * The metric attribute sets per target (operation, provider, model, alias, served model), built once and reused by
 * every attempt: recording an attempt then allocates no attribute objects, only the SDK's own work.
 */
export class MetricAttributeSets {
  readonly #sets = new Map<string, TargetAttributeSets>();

  /** The attribute sets for an attempt's target. */
  of(event: AttemptEndEvent): TargetAttributeSets {
    const key = `${event.operation}\u0000${event.providerType}\u0000${event.model}\u0000${event.alias}\u0000${event.provider}\u0000${event.servedModel ?? ''}`;
    let sets = this.#sets.get(key);
    if (sets === undefined) {
      if (this.#sets.size >= MAX_ENTRIES) this.#sets.clear();
      const base: Attributes = {
        [GEN_AI.operationName]: genAIOperationName(event.operation),
        [GEN_AI.providerName]: genAIProviderName(event.providerType),
        [GEN_AI.requestModel]: event.model,
        [SWITCHYARD.alias]: event.alias,
        [SWITCHYARD.provider]: event.provider,
      };
      if (event.servedModel !== undefined) base[GEN_AI.responseModel] = event.servedModel;
      sets = { base, input: { ...base, [GEN_AI.tokenType]: 'input' }, output: { ...base, [GEN_AI.tokenType]: 'output' }, errors: new Map() };
      this.#sets.set(key, sets);
    }
    return sets;
  }

  /** The attribute set of a failed attempt: the base plus `error.type`. */
  static error(sets: TargetAttributeSets, errorType: string): Attributes {
    let attributes = sets.errors.get(errorType);
    if (attributes === undefined) {
      attributes = { ...sets.base, [GEN_AI.errorType]: errorType };
      sets.errors.set(errorType, attributes);
    }
    return attributes;
  }
}
