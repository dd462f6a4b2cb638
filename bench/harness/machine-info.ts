import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';

/** The machine a run was measured on, for RESULTS.md. */
export interface MachineInfo {
  /** `nproc`: CPUs available to this process. */
  nproc: number;
  /** The CPU model, from /proc/cpuinfo when readable. */
  cpuModel: string;
  /** Total memory, bytes. */
  memoryBytes: number;
  /** `Linux 6.1.0-…`. */
  os: string;
  /** The Node version the clients ran on. */
  node: string;
}

/** Reads the machine's description. */
export function readMachineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: keep os.cpus()'s model.
  }
  return { nproc: availableParallelism(), cpuModel, memoryBytes: totalmem(), os: `${type()} ${release()}`, node: process.version };
}
