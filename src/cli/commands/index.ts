import type { CliCommand } from '../cli-command.ts';
import { pinsCommand } from './pins.ts';
import { reconcileCommand } from './reconcile.ts';
import { reportCommand } from './report.ts';
import { serveCommand } from './serve.ts';

/** Every `switchyard` subcommand, one file each in this folder. Add a command by adding it here. */
export const COMMANDS: readonly CliCommand[] = [reportCommand, reconcileCommand, pinsCommand, serveCommand];
