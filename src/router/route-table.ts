import { ConfigError, type ConfigIssue } from '../errors/config-error.ts';
import { closestMatch } from '../config/closest-match.ts';
import { NoRouteError } from '../errors/no-route-error.ts';
import type { RouterDeps } from '../resilience/call-state.ts';
import type { CircuitBreakerSettings, CircuitState } from '../resilience/circuit-breaker.ts';
import { DEFAULT_FALLBACK_ON } from '../resilience/error-class.ts';
import type { AliasConfig, DefaultsConfig, TargetConfig } from '../config/routing-config-schema.ts';
import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import type { ModelCapabilities } from '../types/provider-capabilities.ts';
import type { Provider } from '../types/provider.ts';
import { resolveTargetVersion } from '../versions/resolve-target-version.ts';
import { resolveVersionsPolicy, type VersionsPolicy } from '../versions/resolve-versions-policy.ts';
import { streamPinning, withVersionPinning } from '../versions/with-version-pinning.ts';
import type { LimitSpec } from '../state/limit-spec.ts';
import type { LimitsConfig } from '../state/limits-config-schema.ts';
import type { StateHealth } from '../state/state-health.ts';
import type { TargetLimitsHealth } from '../state/state-store.ts';
import type { Route, RouteTarget } from './route.ts';
import type { ProviderDefinition } from '../types/provider-definition.ts';
import { targetCapacity, type CapacityProviderConfig } from './target-capacity.ts';

/**
 * The library defaults under `defaults` and each alias. `retry.attempts` defaults to 2 for a route with a single
 * target and to 1 (no retry) for a route with a fallback: moving on to the next target costs one round trip,
 * while a retry of the same target costs a backoff and often meets the same overload.
 */
export const ROUTING_DEFAULTS = {
  strategy: 'priority',
  retry: { attempts: 2, minDelayMs: 200, maxDelayMs: 10_000 },
  retryAttemptsWithFallback: 1,
  timeouts: { totalMs: 600_000, idleMs: 60_000 },
  circuitBreaker: { consecutiveFailures: 5, cooldownMs: 30_000, quotaCooldownMs: 600_000 },
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
  /** Where this view comes from: `memory` (this process), `redis` (the fleet), `local` (this process while Redis is unreachable). */
  source: StateHealth['source'];
  /** What its provider said about its capacity, and the concurrency learned from its refusals, while either holds. */
  limits?: TargetLimitsHealth;
}

/** What `health()` returns. */
export interface HealthReport {
  targets: TargetHealth[];
  /** The shared state: its type and where the view comes from right now. */
  state: StateHealth;
}

const hasLimits = (limits: LimitsConfig | undefined): limits is LimitsConfig =>
  limits !== undefined && (limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined || limits.maxConcurrency !== undefined);

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
  readonly #definitions: ReadonlyMap<string, ProviderDefinition>;
  readonly #aliases = new Map<string, Route>();
  readonly #direct = new Map<string, Route>();
  /** Per provider id, the deployments the config names as spillover deployments (standard, pay-as-you-go). */
  readonly #spillover = new Map<string, Set<string>>();

  /** `definitions`: the provider types, for what each expects its targets to be served in (`expectedCapacity`). */
  constructor(config: SwitchyardConfig, providers: ReadonlyMap<string, Provider>, deps: RouterDeps, definitions: ReadonlyMap<string, ProviderDefinition> = new Map()) {
    this.#config = config;
    this.#providers = providers;
    this.#deps = deps;
    this.#definitions = definitions;
    const spillover = (provider: string, deployment: string | undefined) => {
      if (deployment === undefined) return;
      let set = this.#spillover.get(provider);
      if (!set) this.#spillover.set(provider, (set = new Set()));
      set.add(deployment);
    };
    for (const [id, provider] of Object.entries(config.providers)) spillover(id, (provider.spillover as { deployment?: string } | undefined)?.deployment);
    for (const alias of Object.values(config.models)) for (const target of alias.targets) spillover(target.provider, target.spillover?.deployment);
    const issues: ConfigIssue[] = [];
    for (const [alias, aliasConfig] of Object.entries(config.models)) this.#aliases.set(alias, this.#build(alias, aliasConfig, false, issues));
    if (issues.length > 0) throw new ConfigError(issues, { source: config.source });
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
    const state = this.#deps.state.health();
    const now = this.#deps.clock.now();
    for (const route of [...this.#aliases.values(), ...this.#direct.values()]) {
      for (const t of route.targets) {
        const entry: TargetHealth = { alias: route.alias, provider: t.providerId, model: t.model, ...t.breaker.snapshot(), source: state.source };
        if (t.stats.latencyMs !== undefined) entry.latencyMs = Math.round(t.stats.latencyMs);
        if (t.stats.ttftMs !== undefined) entry.ttftMs = Math.round(t.stats.ttftMs);
        if (t.stats.failureRate !== undefined) entry.failureRate = Math.round(t.stats.failureRate * 100) / 100;
        const limits = t.state.limitsHealth(now);
        if (limits) entry.limits = limits;
        targets.push(entry);
      }
    }
    return { targets, state };
  }

  #build(alias: string, config: Omit<AliasConfig, 'targets'> & { targets: TargetConfig[] }, direct: boolean, issues?: ConfigIssue[]): Route {
    const defaults: DefaultsConfig = this.#config.defaults ?? {};
    const breaker: CircuitBreakerSettings = { ...ROUTING_DEFAULTS.circuitBreaker, ...this.#config.circuitBreaker, ...config.circuitBreaker };
    const hedge = config.hedge ?? defaults.hedge;
    const route: Route = {
      alias,
      direct,
      strategy: config.strategy ?? defaults.strategy ?? ROUTING_DEFAULTS.strategy,
      targets: config.targets.map((t, i) => this.#target(alias, t, direct ? undefined : i, breaker, resolveVersionsPolicy(this.#config.versions, config.versions), () => `models.${alias}.targets[${i}].api`, issues)),
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
      queueMs: config.limits?.queueMs ?? defaults.limits?.queueMs ?? 0,
    };
    if (hedge && route.targets.length > 1) route.hedge = hedge;
    return route;
  }

  /** The provider as the target's `api` asks for it (`withApi`); a provider that cannot is a config issue. */
  #withApi(provider: Provider, config: TargetConfig, path: () => string, issues: ConfigIssue[] | undefined): Provider {
    if (config.api === undefined || config.api === (provider.api ?? 'chat')) return provider;
    try {
      if (typeof provider.withApi !== 'function') {
        throw new ConfigError([{ path: 'api', message: `provider ${config.provider} (type ${provider.type}) has one API only, so a target cannot choose one; api is for openai, azure-openai (v1 API) and oci providers.` }], { source: this.#config.source });
      }
      return provider.withApi(config.api);
    } catch (error) {
      if (!ConfigError.isInstance(error) || !issues) throw error;
      for (const issue of error.issues) issues.push({ path: path(), message: issue.message });
      return provider;
    }
  }

  #target(alias: string, config: TargetConfig, index: number | undefined, breakerSettings: CircuitBreakerSettings, versions: VersionsPolicy, apiPath: () => string, issues: ConfigIssue[] | undefined): RouteTarget {
    const base = this.#withApi(this.#providers.get(config.provider) as Provider, config, apiPath, issues);
    const providerConfig = this.#config.providers[config.provider];
    const deployments = providerConfig?.deployments as Record<string, { model?: string } | undefined> | undefined;
    // The pin: configured, else the model itself when it is a snapshot (for Azure, the deployment's model).
    const { pin } = resolveTargetVersion({ providerType: base.type, model: config.model, ...(config.pin !== undefined ? { pin: config.pin } : {}), ...(deployments ? { deployments } : {}) });
    const provider = pin === undefined ? base : withVersionPinning(base, { pin, onDrift: versions.onDrift, alias, emit: (event) => this.#deps.emit('drift', event) });
    const { models, ...adapterDefaults } = base.capabilities;
    const capabilities: ModelCapabilities = { ...adapterDefaults, ...models?.[config.model], ...providerConfig?.capabilities, ...config.capabilities };
    // A Vertex target's publisher makes its model a resource path (`publishers/anthropic/models/…`), which the adapter routes.
    const model = config.publisher === undefined ? config.model : `publishers/${config.publisher}/models/${config.model}`;
    const ref = { alias, provider: config.provider, model };
    const limits: LimitSpec[] = [];
    const providerLimits = providerConfig?.limits as LimitsConfig | undefined;
    if (hasLimits(providerLimits)) limits.push({ scope: 'provider', path: `providers.${config.provider}.limits`, key: `p/${config.provider}`, ...providerLimits });
    if (hasLimits(config.limits) && index !== undefined) {
      limits.push({ scope: 'target', path: `models.${alias}.targets[${index}].limits`, key: `t/${alias}/${config.provider}/${config.model}`, ...config.limits });
    }
    const state = this.#deps.state.target({
      ...ref,
      circuit: breakerSettings,
      limits,
      onTransition: (transition) => {
        const event = { ...ref, state: transition.state, reason: transition.reason };
        if (transition.state === 'open') this.#deps.emit('circuit-open', { ...event, retryAt: transition.retryAt ?? this.#deps.clock.now() + breakerSettings.cooldownMs });
        else this.#deps.emit('circuit-close', event);
      },
    });
    const target: RouteTarget = {
      alias,
      providerId: config.provider,
      provider,
      model,
      label: `${config.provider}/${model}`,
      weight: config.weight ?? 1,
      capabilities,
      tags: providerConfig?.tags ?? [],
      breaker: state.breaker,
      stats: state.stats,
      state,
      capacity: targetCapacity(this.#definitions.get(providerConfig?.type ?? base.type), providerConfig as CapacityProviderConfig | undefined, config, this.#spillover.get(config.provider)),
    };
    if (pin !== undefined) target.pin = pin;
    const pinning = streamPinning(provider);
    if (pinning) target.streamPinning = pinning;
    if (config.costHint !== undefined) target.costHint = config.costHint;
    const deployment = deployments?.[config.model]?.model;
    const priceModel = config.pin ?? (typeof deployment === 'string' ? deployment : config.publisher === undefined ? undefined : config.model);
    if (priceModel !== undefined && priceModel !== model) target.priceModel = priceModel;
    return target;
  }
}
