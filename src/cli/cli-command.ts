/** Where a command reads and writes: injectable so tests run commands in-process. */
export interface CliIo {
  /** Standard output. */
  stdout: { write(text: string): unknown };
  /** Standard error: diagnostics, warnings, errors. */
  stderr: { write(text: string): unknown };
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** The environment (for `${NAME}` in config files). */
  env: Record<string, string | undefined>;
  /** The clock, ms since the epoch (relative dates such as `7d` count back from it). */
  now: () => number;
}

/** One subcommand of `switchyard`: one file under `src/cli/commands/`. */
export interface CliCommand {
  /** The subcommand's name (`report`). */
  name: string;
  /** One line for `switchyard --help`. */
  summary: string;
  /** The full help text. */
  usage: string;
  /** Runs the command; resolves to the exit code. Throw `CliUsageError` for bad flags (exit code 2). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad flags or arguments: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
