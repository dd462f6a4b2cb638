import { closestMatch } from '../config/closest-match.ts';
import { NoRouteError } from '../errors/no-route-error.ts';
import type { RouterDeps } from '../resilience/call-state.ts';
import { CircuitBreaker, type CircuitBreakerSettings, type CircuitState } from '../resilience/circuit-breaker.ts';
import { DEFAULT_FALLBACK_ON } from '../resilience/error-class.ts';
import type { AliasConfig, DefaultsConfig, TargetConfig } from '../config/routing-config-schema.ts';
import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import type { ModelCapabilities } from '../types/provider-capabilities.ts';
import type { Provider } from '../types/provider.ts';
import { resolveTargetVersion } from '../versions/resolve-target-version.ts';
import { resolveVersionsPolicy, type VersionsPolicy } from '../versions/resolve-versions-policy.ts';
import { streamPinning, withVersionPinning } from '../versions/with-version-pinning.ts';
import { LatencyStats } from './latency-stats.ts';
import type { Route, RouteTarget } from './route.ts';

/**
 * The library defaults under `defaults` and each alias. `retry.attempts` defaults to 2 for a route with a single
 * target and to 1 (no retry) for a route with a fallback: moving on to the next target costs one round trip,
 * while a retry of the same target costs a backoff and often meets the same overload.
 */
export const ROUTING_DEFAULTS = {
  strategy: 'priority',
  retry: { attempts: 2, minDelayMs: 200, maxDelayMs: 10_000 },
  retryAttemptsWithFallback: 1,
  timeouts: { totalMs: 600_000 },
  circuitBreaker: { consecutiveFailures: 5, cooldownMs: 30_000 },
} as const;

/** One target in `health()`. */
export interface TargetHealth {
  alias: string;
  provider: string;
  model: string;
  /** The circuit breaker's state. */
  state: CircuitState;
  /** Failures in a row since the last success. */
  consecutiveFailures: number;
  /** When the circuit last opened (ms since the epoch). */
  openedAt?: number;
  /** When an open circuit lets a probe through (ms since the epoch). */
  retryAt?: number;
  /** Moving average of latency in ms (chat, embed). */
  latencyMs?: number;
  /** Moving average of time to first token in ms (streams). */
  ttftMs?: number;
  /** Moving share of recent attempts that failed against the target, 0 to 1. */
  failureRate?: number;
}

/** What `health()` returns. */
export interface HealthReport {
  targets: TargetHealth[];
}

/** Direct `providerId:model` routes kept at most (each has its own breaker and stats). */
const MAX_DIRECT_ROUTES = 1000;

/**
 * The routes of a config: one per alias, plus `providerId:model` routes made on first use. Holds each
 * target's circuit breaker and latency stats for the life of the Switchyard instance.
 */
export class RouteTable {
  readonly #config: SwitchyardConfig;
  readonly #providers: ReadonlyMap<string, Provider>;
  readonly #deps: RouterDeps;
  readonly #aliases = new Map<string, Route>();
  readonly #direct = new Map<string, Route>();

  constructor(config: SwitchyardConfig, providers: ReadonlyMap<string, Provider>, deps: RouterDeps) {
    this.#config = config;
    this.#providers = providers;
    this.#deps = deps;
    for (const [alias, aliasConfig] of Object.entries(config.models)) this.#aliases.set(alias, this.#build(alias, aliasConfig, false));
  }

  /** The route for a request's `model`: an alias, else `providerId:model`; `NoRouteError` when neither. */
  resolve(model: string): Route {
    const route = this.#aliases.get(model) ?? this.#direct.get(model);
    if (route) return route;
    const colon = model.indexOf(':');
    const providerId = colon > 0 ? model.slice(0, colon) : undefined;
    if (providerId !== undefined && colon < model.length - 1 && this.#providers.has(providerId)) {
      if (this.#direct.size >= MAX_DIRECT_ROUTES) this.#direct.delete(this.#direct.keys().next().value as string);
      const direct = this.#build(model, { targets: [{ provider: providerId, model: model.slice(colon + 1) }] }, true);
      this.#direct.set(model, direct);
      return direct;
    }
    const aliases = [...this.#aliases.keys()];
    const providers = [...this.#providers.keys()];
    // A typo of an alias, or of the provider in `providerId:model`.
    const nearProvider = providerId === undefined ? undefined : closestMatch(providerId, providers);
    const suggestion = closestMatch(model, aliases) ?? (nearProvider === undefined ? undefined : `${nearProvider}:${model.slice(colon + 1)}`);
    throw new NoRouteError(
      `No route for model "${model}": it is neither an alias (${aliases.join(', ') || 'none configured'}) nor providerId:model for a configured provider (${providers.join(', ')}).${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`,
      { model, aliases, ...(suggestion === undefined ? {} : { suggestion }) },
    );
  }

  /** The state of every target's circuit and its latency averages. */
  health(): HealthReport {
    const targets: TargetHealth[] = [];
    for (const route of [...this.#aliases.values(), ...this.#direct.values()]) {
      for (const t of route.targets) {
        const entry: TargetHealth = { alias: route.alias, provider: t.providerId, model: t.model, ...t.breaker.snapshot() };
        if (t.stats.latencyMs !== undefined) entry.latencyMs = Math.round(t.stats.latencyMs);
        if (t.stats.ttftMs !== undefined) entry.ttftMs = Math.round(t.stats.ttftMs);
        if (t.stats.failureRate !== undefined) entry.failureRate = Math.round(t.stats.failureRate * 100) / 100;
        targets.push(entry);
      }
    }
    return { targets };
  }

  #build(alias: string, config: Omit<AliasConfig, 'targets'> & { targets: TargetConfig[] }, direct: boolean): Route {
    const defaults: DefaultsConfig = this.#config.defaults ?? {};
    const breaker: CircuitBreakerSettings = { ...ROUTING_DEFAULTS.circuitBreaker, ...this.#config.circuitBreaker, ...config.circuitBreaker };
    const hedge = config.hedge ?? defaults.hedge;
    const route: Route = {
      alias,
      direct,
      strategy: config.strategy ?? defaults.strategy ?? ROUTING_DEFAULTS.strategy,
      targets: config.targets.map((t) => this.#target(alias, t, breaker, resolveVersionsPolicy(this.#config.versions, config.versions))),
      retry: {
        ...ROUTING_DEFAULTS.retry,
        ...(config.targets.length > 1 ? { attempts: ROUTING_DEFAULTS.retryAttemptsWithFallback } : {}),
        ...defaults.retry,
        ...config.retry,
      },
      timeouts: { ...ROUTING_DEFAULTS.timeouts, ...defaults.timeouts, ...config.timeouts },
      fallbackOn: new Set(config.fallbackOn ?? defaults.fallbackOn ?? DEFAULT_FALLBACK_ON),
      requireTags: config.require?.tags ?? [],
      turn: 0,
    };
    if (hedge && route.targets.length > 1) route.hedge = hedge;
    return route;
  }

  #target(alias: string, config: TargetConfig, breakerSettings: CircuitBreakerSettings, versions: VersionsPolicy): RouteTarget {
    const base = this.#providers.get(config.provider) as Provider;
    const providerConfig = this.#config.providers[config.provider];
    const deployments = providerConfig?.deployments as Record<string, { model?: string } | undefined> | undefined;
    // The pin: configured, else the model itself when it is a snapshot (for Azure, the deployment's model).
    const { pin } = resolveTargetVersion({ providerType: base.type, model: config.model, ...(config.pin !== undefined ? { pin: config.pin } : {}), ...(deployments ? { deployments } : {}) });
    const provider = pin === undefined ? base : withVersionPinning(base, { pin, onDrift: versions.onDrift, alias, emit: (event) => this.#deps.emit('drift', event) });
    const { models, ...adapterDefaults } = base.capabilities;
    const capabilities: ModelCapabilities = { ...adapterDefaults, ...models?.[config.model], ...providerConfig?.capabilities, ...config.capabilities };
    const ref = { alias, provider: config.provider, model: config.model };
    const breaker = new CircuitBreaker(breakerSettings, this.#deps.clock, (transition) => {
      const event = { ...ref, state: transition.state, reason: transition.reason };
      if (transition.state === 'open') this.#deps.emit('circuit-open', { ...event, retryAt: this.#deps.clock.now() + breakerSettings.cooldownMs });
      else this.#deps.emit('circuit-close', event);
    });
    const target: RouteTarget = {
      alias,
      providerId: config.provider,
      provider,
      model: config.model,
      label: `${config.provider}/${config.model}`,
      weight: config.weight ?? 1,
      capabilities,
      tags: providerConfig?.tags ?? [],
      breaker,
      stats: new LatencyStats(),
    };
    if (pin !== undefined) target.pin = pin;
    const pinning = streamPinning(provider);
    if (pinning) target.streamPinning = pinning;
    if (config.costHint !== undefined) target.costHint = config.costHint;
    const deployment = deployments?.[config.model]?.model;
    const priceModel = config.pin ?? (typeof deployment === 'string' ? deployment : undefined);
    if (priceModel !== undefined && priceModel !== config.model) target.priceModel = priceModel;
    return target;
  }
}
