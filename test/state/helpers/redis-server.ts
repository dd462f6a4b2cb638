import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';

/** The Redis the shared-state tests use (`eval "$(bash .ci/redis.sh start)"`), or undefined: they skip, saying why. */
export const TEST_REDIS_URL = process.env.SWITCHYARD_TEST_REDIS_URL;
export const REDIS_SKIP = 'needs SWITCHYARD_TEST_REDIS_URL: eval "$(bash .ci/redis.sh start)"';
if (!TEST_REDIS_URL) console.warn(`Redis shared-state tests skipped: SWITCHYARD_TEST_REDIS_URL is not set (start a server with: eval "$(bash .ci/redis.sh start)")`);

/** A key prefix of its own for one test, so that tests sharing a Redis never see each other's state. */
export const uniquePrefix = (name: string) => `sy-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;

/** A Redis client for looking at what the store wrote (and for `INFO commandstats`). */
export async function inspector(url: string) {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** How many EVALSHA calls the server has run (all clients). */
export async function evalshaCount(client: Awaited<ReturnType<typeof inspector>>): Promise<number> {
  const info = await client.info('commandstats');
  const match = /cmdstat_evalsha:calls=(\d+)/.exec(info);
  return match ? Number(match[1]) : 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A redis-server of a test's own (one it may kill and restart), on loopback, keeping nothing on disk. */
export interface OwnRedis {
  url: string;
  port: number;
  /** The server's pid (it changes on restart). */
  readonly pid: number;
  /** Kills it by its pid (SIGKILL: no goodbye to the clients). */
  kill(): Promise<void>;
  /** Pauses (SIGSTOP) or resumes (SIGCONT) it: a Redis that is slow to answer. */
  pause(): void;
  resume(): void;
  /** Starts it again on the same port, with no data (as after a crash without persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** True when Debian's redis-server (installed by .ci/redis.sh) is on PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts a redis-server of its own on a free loopback port (or `port`, when it must not move). */
export async function startOwnRedis(port?: number): Promise<OwnRedis> {
  const at = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'sy-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(at), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const probe = createClient({ url: `redis://127.0.0.1:${at}`, socket: { reconnectStrategy: false } });
        probe.on('error', () => undefined);
        await probe.connect();
        await probe.ping();
        await probe.close();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${at}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const exited = () => new Promise<void>((resolve) => (child && child.exitCode === null && child.signalCode === null ? child.once('exit', () => resolve()) : resolve()));
  await launch();
  return {
    url: `redis://127.0.0.1:${at}`,
    port: at,
    get pid() {
      return child?.pid ?? -1;
    },
    async kill() {
      const done = exited();
      process.kill(child?.pid as number, 'SIGKILL');
      await done;
    },
    pause: () => process.kill(child?.pid as number, 'SIGSTOP'),
    resume: () => process.kill(child?.pid as number, 'SIGCONT'),
    restart: launch,
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        const done = exited();
        try {
          process.kill(child.pid as number, 'SIGCONT');
        } catch {
          // Already gone.
        }
        child.kill('SIGKILL');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` holds (polling), or fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Watches a server's EVALSHA calls with MONITOR: the mode (`g` admission group, `b` batch) of each, per key prefix. */
export async function watchScripts(url: string) {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  const seen: Array<{ channel: string; mode: string }> = [];
  await client.monitor((line: string) => {
    const args = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string);
    if (args[0]?.toUpperCase() === 'EVALSHA') seen.push({ channel: args[3] ?? '', mode: args[7] ?? '' });
  });
  return {
    /** The scripts run so far for the store whose key prefix is `prefix`. */
    of: (prefix: string) => seen.filter((s) => s.channel === `${prefix}events`).map((s) => s.mode),
    close: async () => {
      client.destroy();
    },
  };
}
