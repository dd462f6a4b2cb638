import { loadConfig } from './config/load-config.ts';
import { providerDefinitions } from './config/provider-definitions.ts';
import { PROVIDER_COMMON_KEYS, type SwitchyardConfig, type SwitchyardConfigInput } from './config/switchyard-config-schema.ts';
import { isSecretKey } from './config/is-secret-key.ts';
import { ConfigError, type ConfigIssue } from './errors/config-error.ts';
import { redactSecrets } from './http/redact-secrets.ts';
import type { HttpTransport } from './http/http-transport.ts';
import type { CostReport, CostReportOptions } from './metering/cost-report-types.ts';
import type { RouterDeps } from './resilience/call-state.ts';
import { systemClock, type Clock } from './resilience/clock.ts';
import { closedError, InflightCalls } from './resilience/inflight-calls.ts';
import { createRouter } from './router/create-router.ts';
import { createStateStore } from './state/create-state-store.ts';
import { findRedisClient, REDIS_MISSING } from './state/load-redis-client.ts';
import { resolveMeter } from './router/resolve-meter.ts';
import { RouteTable, type HealthReport } from './router/route-table.ts';
import type { SwitchyardWarning } from './router/switchyard-warning.ts';
import type { EmitEvent, SwitchyardEventMap, SwitchyardEventName } from './router/switchyard-events.ts';
import type { ChatRequest } from './types/chat-request.ts';
import type { EmbedRequest } from './types/embed-request.ts';
import type { Meter } from './types/meter.ts';
import type { ProviderDefinition } from './types/provider-definition.ts';
import type { Provider } from './types/provider.ts';
import type { RoutedChatResult, RoutedEmbedResult, RoutedStreamPart } from './types/routed-result.ts';
import type { TelemetrySettings } from './telemetry/telemetry-settings.ts';
import { withTelemetry } from './telemetry/with-telemetry.ts';
import { checkConfigVersions } from './versions/check-config-versions.ts';
import { checkDefaultApiVersions } from './versions/check-default-api-versions.ts';

/** Options of `createSwitchyard`. */
export interface SwitchyardOptions {
  /** The environment for `${NAME}` references and adapters. @default process.env, read when called */
  env?: Record<string, string | undefined> | undefined;
  /** Provider types beside (or overriding) the built-in ones, by `type`: custom providers, test fakes. */
  providers?: readonly ProviderDefinition[] | undefined;
  /** The meter to use instead of the one built from the config's `ledger`, `budgets`, `prices` and `billing`. */
  meter?: Meter | undefined;
  /** The HTTP transport every provider sends through. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** Time and timers, for deadlines, backoff, circuit breakers and hedging. @default the system clock */
  clock?: Clock | undefined;
  /** Random numbers in [0, 1), for jitter and weighted routing. @default Math.random */
  random?: (() => number) | undefined;
  /** Where a relative config path resolves. @default process.cwd() */
  cwd?: string | undefined;
  /**
   * OpenTelemetry spans and metrics (GenAI semantic conventions) through `@opentelemetry/api`; `false` turns them off.
   * Without a registered SDK they cost nothing. @default {} (the global providers, no prompt or completion content)
   */
  telemetry?: TelemetrySettings | false | undefined;
  /**
   * How long `close()` waits for calls in flight (so that their attempts reach the ledger) before it flushes and
   * closes anyway, with a `warning` event naming how many were still running. @default 30000
   */
  closeTimeoutMs?: number | undefined;
}

/** A Switchyard instance: one interface to every configured provider, with routing, failover and metering. */
export interface Switchyard {
  /** A chat call; `request.model` is an alias or `providerId:model`. The result always has `provider` and `attempts`. */
  chat(request: ChatRequest): Promise<RoutedChatResult>;
  /** A streaming chat call; its `finish` part carries `provider`, `model`, `attempts` and `cost`. */
  stream(request: ChatRequest): AsyncIterable<RoutedStreamPart>;
  /** An embedding call. The result always has `provider` and `attempts`. */
  embed(request: EmbedRequest): Promise<RoutedEmbedResult>;
  /** The circuit state, latency averages and limits of every target, and where the shared state comes from. */
  health(): HealthReport;
  /** Listens to an event; returns a function that stops listening. A handler must not throw (its errors are ignored). */
  on<K extends SwitchyardEventName>(event: K, handler: (payload: SwitchyardEventMap[K]) => void): () => void;
  /** A cost report from the ledger (waits for pending writes first). Rejects with `ConfigError` when there is no ledger. */
  costReport(options: CostReportOptions): Promise<CostReport>;
  /**
   * Refuses new calls, waits for the calls in flight to end (their attempts are recorded: abort them through
   * their signals to end them sooner; an opened stream nobody reads ends at its deadline), then flushes and closes
   * the ledger and closes every provider.
   */
  close(): Promise<void>;
  /** The validated config. */
  readonly config: SwitchyardConfig;
}

function createProviders(config: SwitchyardConfig, options: SwitchyardOptions, env: Record<string, string | undefined>, clock: Clock): Map<string, Provider> {
  const definitions = providerDefinitions(options.providers);
  const providers = new Map<string, Provider>();
  // Optional peers are found now, all of them together: a missing one is never a failure of the first call.
  const issues: ConfigIssue[] = config.state?.type === 'redis' && findRedisClient() === undefined ? [REDIS_MISSING] : [];
  for (const [id, entry] of Object.entries(config.providers)) {
    const own: Record<string, unknown> = {};
    const secrets: string[] = [];
    for (const [key, value] of Object.entries(entry)) {
      if (!PROVIDER_COMMON_KEYS.includes(key)) own[key] = value;
      if (isSecretKey(key) && typeof value === 'string') secrets.push(value);
    }
    const context = { id, env, now: () => clock.now(), ...(options.transport ? { transport: options.transport } : {}) };
    try {
      providers.set(id, (definitions.get(entry.type) as ProviderDefinition).create(own, context));
    } catch (error) {
      if (ConfigError.isInstance(error)) issues.push(...error.issues.map((i) => ({ path: i.path ? `providers.${id}.${i.path}` : `providers.${id}`, message: i.message })));
      else issues.push({ path: `providers.${id}`, message: `the ${entry.type} provider could not be created: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}` });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, { source: config.source });
  return providers;
}

/**
 * Creates a Switchyard from a config object or the path of a YAML or JSON file. The config is validated
 * at once (every problem reported together, as a `ConfigError`); providers are created; metering starts
 * from the config (`ledger`, `budgets`, `prices`, `billing`) unless `options.meter` is given. Targets are checked
 * against their `versions` policy: a floating model is a `ConfigError` under `floating: error`; floating models,
 * unversioned Azure deployments, known retirements within `retirementWarningDays` and Azure providers without an
 * `apiVersion` (now on the v1 API by default) are `warning` events, delivered just after this returns (subscribe
 * right away).
 * @example
 * const sy = createSwitchyard('switchyard.yaml');
 * const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hello' }] });
 * console.log(result.text, result.provider, result.attempts);
 * sy.on('failover', (e) => console.log(`${e.from.provider} failed (${e.errorCode}), trying ${e.to.provider}`));
 */
export function createSwitchyard(config: SwitchyardConfigInput | string, options: SwitchyardOptions = {}): Switchyard {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const validated = loadConfig(config, { env, ...(options.providers ? { providers: options.providers } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) });
  // Version policy: floating models under `versions.floating: error` make the config invalid; the rest are warnings.
  const versionReport = checkConfigVersions(validated, clock.now());
  if (versionReport.errors.length > 0) throw new ConfigError(versionReport.errors, { source: validated.source });
  const providers = createProviders(validated, options, env, clock);

  const listeners = new Map<string, Set<(payload: never) => void>>();
  const emit: EmitEvent = (name, payload) => {
    const set = listeners.get(name);
    if (!set) return;
    for (const handler of set) {
      try {
        (handler as (p: typeof payload) => void)(payload);
      } catch {
        // A listener's error must never fail a call.
      }
    }
  };
  // Delivered once the caller has had the chance to subscribe (`sy.on('warning', …)` right after creation).
  const startupWarnings: SwitchyardWarning[] = [...checkDefaultApiVersions(validated), ...versionReport.warnings];
  if (startupWarnings.length > 0) queueMicrotask(() => startupWarnings.forEach((warning) => emit('warning', warning)));
  const state = createStateStore(validated.state, { clock, emit });
  let meter: Meter;
  let table: RouteTable;
  const inflight = new InflightCalls();
  let deps: RouterDeps;
  try {
    meter = resolveMeter(validated, { ...(options.meter ? { meter: options.meter } : {}), emit, now: () => clock.now(), state });
    deps = { clock, random: options.random ?? Math.random, emit, meter, inflight, state };
    table = new RouteTable(validated, providers, deps, providerDefinitions(options.providers));
  } catch (error) {
    // The Redis store is already connecting: nothing may keep the process alive after a failed creation.
    void state.close();
    throw error;
  }
  const router = createRouter(table, deps);
  let closing: Promise<void> | undefined;

  const sy: Switchyard = {
    config: validated,
    chat: (request) => (closing ? Promise.reject(closedError()) : router.chat(request)),
    embed: (request) => (closing ? Promise.reject(closedError()) : router.embed(request)),
    stream(request) {
      if (closing) return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(closedError()) }) };
      return router.stream(request);
    },
    health: () => table.health(),
    on(event, handler) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler as (payload: never) => void);
      return () => {
        set.delete(handler as (payload: never) => void);
      };
    },
    costReport(reportOptions) {
      const report = (meter as { costReport?: (o: CostReportOptions) => Promise<CostReport> }).costReport;
      if (typeof report !== 'function') {
        return Promise.reject(new ConfigError([{ path: 'ledger', message: 'cost reports read the ledger: configure `ledger` (sqlite, postgres or memory), or pass a meter that has costReport()' }], { source: validated.source }));
      }
      return report.call(meter, reportOptions);
    },
    close() {
      closing ??= (async () => {
        // Calls in flight finish first (their attempts are recorded); new calls are refused from now on.
        const running = inflight.count;
        if (!(await inflight.close(options.closeTimeoutMs ?? 30_000))) {
          emit('warning', { code: 'close-timeout', message: `close() waited ${options.closeTimeoutMs ?? 30_000} ms for ${running} call(s) still running and closed anyway; attempts they make from now on are not in the ledger. Abort calls (their signal) before closing.` });
        }
        const closeMeter = async () => {
          await meter.flush();
          await meter.close();
        };
        // The meter settles its budget reservations in the shared state first: the state closes after it.
        const results = await Promise.allSettled([closeMeter().finally(() => state.close()), ...[...providers.values()].map((p) => p.close?.())]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      })();
      return closing;
    },
  };
  return options.telemetry === false ? sy : withTelemetry(sy, options.telemetry);
}
