import type { MeterWarning } from '../metering/meter-events.ts';
import type { StateWarning } from '../state/state-warning.ts';
import type { DefaultApiVersionWarning } from '../versions/check-default-api-versions.ts';
import type { VersionWarning } from '../versions/version-warning.ts';

/** Emitted (`warning`) by `close()` when calls were still running at `closeTimeoutMs`. */
export interface CloseTimeoutWarning {
  code: 'close-timeout';
  /** How many calls were still running, and what to do about it. */
  message: string;
}

/**
 * Every `warning` event, told apart by `code`: version problems in the config (`VersionWarning`) and Azure providers
 * that rely on the default API surface (`DefaultApiVersionWarning`), both delivered just after `createSwitchyard`
 * returns; metering (`MeterWarning`: unknown prices and tiers, budgets, store failures); the shared state's Redis
 * going away and coming back (`StateWarning`); and `close()` timing out (`CloseTimeoutWarning`). Never contains a secret.
 */
export type SwitchyardWarning = VersionWarning | DefaultApiVersionWarning | MeterWarning | StateWarning | CloseTimeoutWarning;
