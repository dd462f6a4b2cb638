/**
 * Emitted (`warning`) by `createSwitchyard` for version problems in the config, and listed by `switchyard pins`.
 * A type alias (not an interface) so that it fits event maps typed as `Record<string, unknown>`.
 *
 * - `floating-model`: a target's model floats (`gpt-4o`, `gemini-2.5-flash`) and it has no `pin`;
 * - `floating-pin`: a target's `pin` is itself a floating id, so drift is measured against a moving name;
 * - `unversioned-deployment`: an Azure target's deployment is not in `deployments`, so its version is unknown;
 * - `model-retiring`: a known retirement falls within `versions.retirementWarningDays`;
 * - `model-retired`: the model's known retirement date has passed.
 */
export type VersionWarning = {
  code: 'floating-model' | 'floating-pin' | 'unversioned-deployment' | 'model-retiring' | 'model-retired';
  /** What is wrong and how to fix it. */
  message: string;
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The model sent on the wire. */
  model: string;
  /** The config path of the target (`models.chat.targets[0]`). */
  path: string;
  /** For retirements: the date (ISO `YYYY-MM-DD`), the days left (0 or less once retired) and the source. */
  retiresOn?: string;
  daysLeft?: number;
  source?: string;
};
