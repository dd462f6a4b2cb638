#!/usr/bin/env node
import '../runtime/exit-on-unsupported-node.ts';
import { readFileSync, realpathSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/config-error.ts';
import { CliUsageError, type CliCommand, type CliIo } from './cli-command.ts';
import { COMMANDS } from './commands/index.ts';

/** The real process's streams, directory, environment and clock. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, now: Date.now };
}

/** The exit codes every command shares (a command may add its own, such as `reconcile`'s 3). */
export const EXIT_CODES = 'Exit codes: 0 done, 1 something could not be read or written (the message says what), 2 bad options or an invalid config (the message names the key).';

/** This package's version, from its package.json. */
export function switchyardVersion(): string {
  // Read from the namespace when called: an older Node.js (which the floor check stops first) lacks it.
  const file = nodeModule.findPackageJSON(import.meta.url);
  return file === undefined ? 'unknown' : (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * The `switchyard` command: `switchyard <command> [options]`, one command per file in `./commands/`.
 * Resolves to the exit code: 0 done, 1 something could not be read or written (the message says what),
 * 2 bad options (the message and the command's usage are printed) or an invalid config (a `ConfigError`, the same
 * in every command); commands may define more (`pins --check`: 1, `reconcile`: 3).
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${switchyardVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const help = `Usage: switchyard <command> [options]\n\nCommands:\n${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n\nRun switchyard <command> --help for its options, switchyard --version for the version.\n\n${EXIT_CODES}\n`;
    (name === undefined ? io.stderr : io.stdout).write(help);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`switchyard: unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`switchyard ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (ConfigError.isInstance(error)) {
      io.stderr.write(`switchyard ${command.name}: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`switchyard ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2));
