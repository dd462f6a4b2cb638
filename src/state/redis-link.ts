import { StateUnavailableError } from '../errors/state-unavailable-error.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import { systemClock } from '../resilience/clock.ts';
import { DeadlineQueue } from './deadline-queue.ts';
import { loadRedisClient, type RedisClientLike } from './load-redis-client.ts';
import { ADMIT_SCRIPT, STATE_SCRIPT } from './redis-script.ts';

/** What the link needs to know. */
export interface RedisLinkSettings {
  url: string;
  /** `host:port/db`, for messages. */
  where: string;
  /** The npm specifier of node-redis (`@redis/client` or `redis`). */
  specifier: string;
  timeoutMs: number;
  onUnavailable: 'local' | 'fail';
  /** The pub/sub channel. */
  channel: string;
  /** The argument prefix of every script call: channel, instances key, (now), instance id. */
  instanceId: string;
  instancesKey: string;
  /** The current time for scripts, ms since the epoch (the router's clock). */
  now: () => number;
}

/** What the link reports to the store. */
export interface RedisLinkHooks {
  /**
   * Brings this instance and the fleet together after every (re)connect: loads the fleet's view and writes back what
   * this instance holds and did while away. Runs before the link counts as up; a failure keeps it down.
   */
  sync(): Promise<void>;
  /** A message published by any instance (this one included). */
  message(raw: string): void;
  /** A `warning` event: one when the link goes down, one when it is back. */
  warn(warning: { code: 'state-unavailable' | 'state-recovered'; message: string }): void;
}

const NO_KEYS: string[] = [];

/** How often a link that is down but connected (Redis slow or paused) tries to sync again, in ms. */
const RETRY_MS = 250;
/** A link still not synced this long after its client loaded is down (Redis accepts connections but does not answer), in ms. */
const START_WINDOW_MS = 2_000;
/** The socket's connect timeout, in ms (a call never waits for it: it waits at most `timeoutMs`). */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The connection of the Redis state store: two node-redis clients (commands, and pub/sub), the script, and the status
 * `connecting` → `up` ⇄ `down`. Every command is bounded by `timeoutMs`; a command that times out, a closed socket or
 * an error takes the link down (one `warning`), and nothing is sent but the sync until it is back (a second `warning`).
 * node-redis reconnects on its own; a link that is down but connected retries the sync every 250 ms.
 */
export class RedisLink {
  status: 'connecting' | 'up' | 'down' = 'connecting';
  /** Since when `status` holds (ms since the epoch). */
  since: number;
  lastError: string | undefined;
  readonly #settings: RedisLinkSettings;
  readonly #hooks: RedisLinkHooks;
  readonly #deadlines: DeadlineQueue;
  readonly #secrets: string[];
  #client: RedisClientLike | undefined;
  #subscriber: RedisClientLike | undefined;
  /** The loaded scripts' SHA1s: `g` the admission, `b` the batch. */
  #shas: { g: string; b: string } | undefined;
  #syncing: Promise<void> | undefined;
  #retry: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  #downAt = 0;
  readonly #started: Promise<void>;
  #endStartup: (() => void) | undefined;
  /**
   * Resolves when the link leaves `connecting`: the first sync is done, or the connection failed, or it did not finish
   * within `max(2 s, 10 × timeoutMs)` of the client library being loaded (the link is then down).
   */
  readonly startup: Promise<void>;

  constructor(settings: RedisLinkSettings, hooks: RedisLinkHooks) {
    this.#settings = settings;
    this.#hooks = hooks;
    this.since = settings.now();
    this.#secrets = secretsOf(settings.url);
    this.#deadlines = new DeadlineQueue(settings.timeoutMs, systemClock, (error) => {
      const message = `Redis at ${settings.where} did not answer within ${settings.timeoutMs} ms (state.timeoutMs)`;
      this.#down(message);
      return this.unavailableError(message, error);
    });
    this.startup = new Promise<void>((resolve) => (this.#endStartup = resolve));
    this.#started = this.#start();
  }

  /** True when commands may be sent. */
  get up(): boolean {
    return this.status === 'up';
  }

  /** The error of a call that needs the shared state while it is unavailable. */
  unavailableError(reason = this.lastError ?? 'not connected yet', cause?: unknown): StateUnavailableError {
    return new StateUnavailableError(
      `The shared state (Redis at ${this.#settings.where}) is unavailable: ${reason}. state.onUnavailable is ${this.#settings.onUnavailable}${this.#settings.onUnavailable === 'fail' ? ', so calls fail until it is back' : ''}.`,
      cause === undefined ? {} : { cause },
    );
  }

  /**
   * Runs the state script with `ops` in `mode` (`g` a group, `b` a batch). Rejects at once when the link is not up,
   * and after `timeoutMs` at most.
   */
  run(mode: 'g' | 'b', ops: readonly string[], duringSync = false): Promise<unknown> {
    const client = this.#client;
    const shas = this.#shas;
    if (!client || shas === undefined || (!this.up && !duringSync)) return Promise.reject(this.unavailableError());
    const args = [this.#settings.channel, this.#settings.instancesKey, String(this.#settings.now()), this.#settings.instanceId, mode, ...ops];
    return this.#deadlines.bound(client.evalSha(shas[mode], { keys: NO_KEYS, arguments: args })).then(undefined, (error: unknown) => this.#retryOrFail(error, client, mode, args));
  }

  /** The script cache was flushed (a restart, SCRIPT FLUSH): load the script again and run once more; else the typed failure. */
  #retryOrFail(error: unknown, client: RedisClientLike, mode: 'g' | 'b', args: string[]): Promise<unknown> {
    if (!String((error as Error)?.message).startsWith('NOSCRIPT')) return Promise.reject(this.#failed(error));
    const again = client.scriptLoad(mode === 'g' ? ADMIT_SCRIPT : STATE_SCRIPT).then((sha) => {
      if (this.#shas) this.#shas[mode] = sha;
      return client.evalSha(sha, { keys: NO_KEYS, arguments: args });
    });
    return this.#deadlines.bound(again).catch((e: unknown) => {
      throw this.#failed(e);
    });
  }

  /** A failed command: an error of the script itself stays as it is; anything else means Redis is unavailable. */
  #failed(error: unknown): Error {
    if (error instanceof StateUnavailableError) return error;
    const message = this.#scrub(String((error as Error)?.message ?? error));
    if (/switchyard (state|admission) script|ERR .*script|user_script/i.test(message)) return new Error(`The shared state's script failed on Redis at ${this.#settings.where}: ${message}`);
    this.#down(message);
    return this.unavailableError(message, error);
  }

  async #start(): Promise<void> {
    let create;
    try {
      create = await loadRedisClient(this.#settings.specifier);
    } catch (error) {
      this.#down(`node-redis could not be loaded: ${(error as Error)?.message ?? error}`);
      return;
    }
    if (this.#closed) return;
    // A Redis that accepts connections but never answers: down (and said so) after the start window.
    const window = Math.max(START_WINDOW_MS, 10 * this.#settings.timeoutMs);
    setTimeout(() => {
      if (this.status === 'connecting') this.#down(`no answer within ${window} ms at start`);
    }, window).unref?.();
    const options = {
      url: this.#settings.url,
      // RESP2: no HELLO, so that any Redis from 4.0 on (and Valkey, and compatible services) will do.
      RESP: 2 as const,
      // A command while disconnected fails at once rather than wait in a queue: the call goes on without it.
      disableOfflineQueue: true,
      socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), 500) },
    };
    const client = create(options);
    const subscriber = client.duplicate();
    this.#client = client;
    this.#subscriber = subscriber;
    for (const c of [client, subscriber]) {
      c.on('error', (error) => this.#down(this.#scrub(error?.message ?? 'connection error')));
      c.on('ready', () => this.#trySync());
    }
    const connected = Promise.all([
      client.connect(),
      subscriber.connect().then(() => subscriber.subscribe(this.#settings.channel, (raw) => this.#hooks.message(raw))),
    ]);
    // connect() keeps retrying in the background when Redis is down; `ready` starts the sync once it is there.
    connected.catch(() => undefined);
  }

  #trySync(): void {
    if (this.#closed || this.#syncing || this.up) return;
    const client = this.#client;
    const subscriber = this.#subscriber;
    if (!client?.isReady || !subscriber?.isReady) return;
    this.#syncing = (async () => {
      const [g, b] = await this.#deadlines.bound(Promise.all([client.scriptLoad(ADMIT_SCRIPT), client.scriptLoad(STATE_SCRIPT)]));
      this.#shas = { g, b };
      await this.#hooks.sync();
      const wasDown = this.status === 'down';
      const away = this.#settings.now() - this.#downAt;
      this.status = 'up';
      this.since = this.#settings.now();
      this.lastError = undefined;
      this.#stopRetry();
      this.#endStartup?.();
      if (wasDown) {
        this.#hooks.warn({
          code: 'state-recovered',
          message: `The shared state (Redis at ${this.#settings.where}) is reachable again after ${away} ms: this instance loaded the fleet's view and wrote back its own state.`,
        });
      }
    })()
      .catch((error: unknown) => this.#down(error instanceof StateUnavailableError ? (this.lastError ?? error.message) : this.#scrub(String((error as Error)?.message ?? error))))
      .finally(() => {
        this.#syncing = undefined;
        if (this.status !== 'connecting') this.#endStartup?.();
      });
  }

  #down(reason: string): void {
    if (this.#closed) return;
    this.lastError = reason;
    this.#startRetry();
    if (this.status === 'down') return;
    const starting = this.status === 'connecting';
    this.status = 'down';
    this.since = this.#downAt = this.#settings.now();
    this.#endStartup?.();
    const carryOn =
      this.#settings.onUnavailable === 'local'
        ? "calls carry on with this process's own state (its circuit breakers, and each fleet-wide limit and budget divided among the instances last seen) until it is back (state.onUnavailable: local)"
        : 'calls fail with code state_unavailable until it is back (state.onUnavailable: fail)';
    this.#hooks.warn({ code: 'state-unavailable', message: `The shared state (Redis at ${this.#settings.where}) is unreachable${starting ? ' at start' : ''}: ${reason}; ${carryOn}.` });
  }

  #startRetry(): void {
    if (this.#retry !== undefined) return;
    this.#retry = setInterval(() => this.#trySync(), RETRY_MS);
    this.#retry.unref?.();
  }

  #stopRetry(): void {
    if (this.#retry !== undefined) clearInterval(this.#retry);
    this.#retry = undefined;
  }

  #scrub(message: string): string {
    return redactSecrets(message, this.#secrets);
  }

  /** Stops retrying and closes both connections (commands still pending fail). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopRetry();
    this.#endStartup?.();
    await this.#started;
    this.#deadlines.failAll(this.unavailableError('closed'));
    this.#deadlines.stop();
    for (const c of [this.#subscriber, this.#client]) {
      if (!c) continue;
      try {
        if (c.isReady) await Promise.race([c.close(), new Promise((resolve) => setTimeout(resolve, this.#settings.timeoutMs).unref?.())]);
      } catch {
        // Closing is best effort: the socket is destroyed next.
      }
      try {
        c.destroy();
      } catch {
        // Already closed.
      }
    }
    this.status = 'down';
  }
}

/** The user and password of a Redis URL: scrubbed from anything the link reports. */
function secretsOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [url, parsed.password, decodeURIComponent(parsed.password)].filter((s) => s.length >= 4);
  } catch {
    return [url];
  }
}
