import type { MeterWarning } from '../metering/meter-events.ts';
import type { VersionWarning } from '../versions/version-warning.ts';

/** Emitted (`warning`) by `close()` when calls were still running at `closeTimeoutMs`. */
export interface CloseTimeoutWarning {
  code: 'close-timeout';
  /** How many calls were still running, and what to do about it. */
  message: string;
}

/**
 * Every `warning` event, told apart by `code`: version problems in the config (`VersionWarning`, delivered just
 * after `createSwitchyard` returns), metering (`MeterWarning`: unknown prices, budgets, store failures), and
 * `close()` timing out (`CloseTimeoutWarning`). Never contains a secret.
 */
export type SwitchyardWarning = VersionWarning | MeterWarning | CloseTimeoutWarning;
