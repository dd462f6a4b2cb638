import { markError, SwitchyardError } from './switchyard-error.ts';

/** One problem in a config. */
export interface ConfigIssue {
  /** Where, as a dotted path such as `providers.azure-east.apiVersion`. */
  path: string;
  /** What is wrong and what was expected, never containing a secret value. */
  message: string;
}

/**
 * A config (or settings object) is invalid. Lists every problem found, each with its path;
 * never prints a secret value.
 */
export class ConfigError extends SwitchyardError {
  /** Every problem found, in order. */
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options: { source?: string | undefined; cause?: unknown } = {}) {
    const where = options.source ? ` in ${options.source}` : '';
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`);
    super('config', `Invalid Switchyard config${where} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, options);
    this.issues = issues;
  }
}
markError(ConfigError);
