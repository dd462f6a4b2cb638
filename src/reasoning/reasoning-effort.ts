import type { ReasoningSettings } from '../types/reasoning-settings.ts';

/** One reasoning effort of `ReasoningSettings.effort`. */
export type ReasoningEffort = NonNullable<ReasoningSettings['effort']>;

/** Every effort, from no reasoning to the most: the order in which "nearest" is measured. */
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
