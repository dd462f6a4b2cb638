import { CliUsageError } from './cli-command.ts';

/** How a command's flags are declared: `string` flags take a value, `boolean` flags do not; `multiple` may repeat. */
export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** Parsed flags: the last value of each string flag, every value of a `multiple` one, true for booleans. */
export type ParsedFlags = Record<string, string | string[] | boolean | undefined>;

/**
 * Parses `--name value`, `--name=value` and `--flag`. Unknown flags, missing values and stray arguments are
 * `CliUsageError`s that name the flag (and suggest the closest known one).
 */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new CliUsageError(`unexpected argument ${JSON.stringify(arg)}: every option is a --flag`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = spec[name];
    if (!flag) {
      const near = Object.keys(spec).find((known) => known.startsWith(name.slice(0, 3)));
      throw new CliUsageError(`unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}`);
    }
    if (flag.type === 'boolean') {
      if (eq !== -1) throw new CliUsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined = eq === -1 ? args[i + 1] : arg.slice(eq + 1);
    if (eq === -1) {
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${name} needs a value`);
      i++;
    }
    if (value === '') throw new CliUsageError(`--${name} needs a value`);
    if (flag.multiple) flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else flags[name] = value;
  }
  return flags;
}
