import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The benchmark's Redis: Debian's redis-server on a free loopback port, nothing on disk. */
export interface RedisProcess {
  url: string;
  version: string;
  stop(): Promise<void>;
}

/** True when redis-server is on PATH (`.ci/redis.sh start` installs it). */
export function hasRedisServer(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** A PING over a raw socket (the harness does not load a Redis client): true once the server answers PONG. */
const pong = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      socket.destroy();
      resolve(data.startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
  });

/** Starts redis-server on its own CPU (`pin`, like the fake provider's) and waits for it to answer. */
export async function startRedisProcess(pin: readonly string[] = []): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-redis-'));
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = pin.length === 0 ? spawn('redis-server', args, { stdio: 'ignore' }) : spawn(pin[0] as string, [...pin.slice(1), 'redis-server', ...args], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await pong(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.split(' ').find((w) => w.startsWith('v='))?.slice(2) ?? 'unknown';
  return {
    url: `redis://127.0.0.1:${port}`,
    version,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
