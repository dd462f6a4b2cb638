import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';

/** Runs Node with `args`, under `pin` (e.g. `['taskset', '-c', '1']`) when given. */
function spawnNode(args: string[], pin: readonly string[], stdio: Parameters<typeof spawn>[2]['stdio']): ChildProcess {
  if (pin.length === 0) return spawn(process.execPath, args, { stdio });
  return spawn(pin[0] as string, [...pin.slice(1), process.execPath, ...args], { stdio });
}

/** CPU pinning for the fake provider and the clients: each on its own CPU (Linux with taskset, 2+ CPUs), else none. */
export function cpuPinning(): { server: string[]; client: string[] } {
  const none = { server: [], client: [] };
  if (process.platform !== 'linux' || availableParallelism() < 2) return none;
  const probe = spawnSync('taskset', ['-c', '0', 'true']);
  if (probe.error || probe.status !== 0) return none;
  const last = String(availableParallelism() - 1);
  return { server: ['taskset', '-c', '0'], client: ['taskset', '-c', last] };
}

/** A child's stdout line that matched, or an error with the child's last output. */
export async function runChild(args: string[], prefix: string, timeoutMs: number, pin: readonly string[] = []): Promise<string> {
  const child = spawnNode(args, pin, ['ignore', 'pipe', 'pipe']) as ChildProcess & { stdout: NonNullable<ChildProcess['stdout']>; stderr: NonNullable<ChildProcess['stderr']> };
  let found: string | undefined;
  let tail = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(prefix)) found = line.slice(prefix.length);
    else tail = `${tail}${line}\n`.slice(-4000);
  });
  child.stderr.on('data', (s: string) => (tail = `${tail}${s}`.slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  if (found === undefined) throw new Error(`child ${args[0]} exited with ${code} and no result${code === null ? ` (killed after ${timeoutMs} ms)` : ''}:\n${tail}`);
  return found;
}

/** The fake provider, started as its own process. */
export interface FakeProviderProcess {
  port: number;
  stop(): Promise<void>;
}

/** Starts bench/fake-provider/fake-provider-server.ts and waits for its port. It also exits if this process dies (stdin closes). */
export async function startFakeProviderProcess(script: string, pin: readonly string[] = []): Promise<FakeProviderProcess> {
  const child = spawnNode([script, '--exit-with-stdin'], pin, ['pipe', 'pipe', 'inherit']);
  const port = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
    rl.once('line', (line) => {
      rl.close();
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`fake provider exited with ${code} before printing its port`)));
  });
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
