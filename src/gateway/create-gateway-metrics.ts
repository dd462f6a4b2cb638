import type { Switchyard } from '../switchyard.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import { HistogramFamily } from './histogram-family.ts';
import { MetricFamily } from './metric-family.ts';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const CIRCUIT = { closed: 0, 'half-open': 1, open: 2 } as const;
/** Fields of `health()` targets that are exported by name; any other numeric field becomes `switchyard_target_<field>`. */
const KNOWN_HEALTH = new Set(['alias', 'provider', 'model', 'state', 'consecutiveFailures', 'openedAt', 'retryAt', 'latencyMs', 'ttftMs', 'failureRate', 'source', 'limits']);
const STATE_STATUS = { up: 1, connecting: 0, down: 0 } as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, '_');

/** The gateway's Prometheus metrics: its own requests, and the Switchyard's attempts, failovers, tokens and cost. */
export interface GatewayMetrics {
  /** One answered request: its route, status and duration in ms. */
  request(route: string, status: number, durationMs: number): void;
  /** The rate-limit headroom a target reported on its answer. */
  rateLimit(provider: string, model: string, info: RateLimitInfo): void;
  /** The metrics in the Prometheus text format (version 0.0.4). */
  render(state: { inFlight: number; draining: boolean }): string;
  /** Stops listening to the Switchyard. */
  close(): void;
}

/**
 * Creates the metrics and subscribes to `switchyard`'s events: `attempt-end` (attempts by outcome, tokens, cost in
 * nano-USD, attempt latency and time to first token), `failover`, `budget` and metering `warning`s. Circuit state,
 * each target's limits (how long a provider's signal keeps it skipped, the concurrency learned from its refusals),
 * the shared state (its source, whether Redis is up, the instances sharing it) and every other numeric field of
 * `health()` are read at scrape time. `now` is ms since the epoch.
 */
export function createGatewayMetrics(switchyard: Switchyard, now: () => number = Date.now): GatewayMetrics {
  const requests = new MetricFamily('switchyard_gateway_requests_total', 'HTTP requests answered, by route and status.', 'counter', ['route', 'status']);
  const duration = new HistogramFamily('switchyard_gateway_request_duration_seconds', 'Time from a request to the end of its answer (for streams, the last chunk).', ['route'], SECONDS);
  const attempts = new MetricFamily('switchyard_attempts_total', 'Attempts that reached a provider, by outcome and error code.', 'counter', ['alias', 'provider', 'model', 'operation', 'outcome', 'code']);
  const failovers = new MetricFamily('switchyard_failovers_total', 'Moves from a failed target to the next.', 'counter', ['alias', 'from', 'to', 'code']);
  const tokens = new MetricFamily('switchyard_tokens_total', 'Tokens reported by providers (cached_input is part of input, reasoning part of output).', 'counter', ['provider', 'model', 'type']);
  const cost = new MetricFamily('switchyard_cost_nano_usd_total', 'Cost of attempts in nano-USD (1e-9 USD), exact integers; unpriced attempts are not counted.', 'counter', ['provider', 'model']);
  const unpriced = new MetricFamily('switchyard_unpriced_attempts_total', 'Attempts whose cost is unknown (no price, or aborted before usage).', 'counter', ['provider', 'model']);
  const attemptSeconds = new HistogramFamily('switchyard_attempt_duration_seconds', 'Wall time of attempts.', ['provider', 'model', 'operation'], SECONDS);
  const ttft = new HistogramFamily('switchyard_time_to_first_token_seconds', 'Time to the first content part of stream attempts.', ['provider', 'model'], SECONDS);
  const budgets = new MetricFamily('switchyard_budget_events_total', 'Budget events: a hard budget blocked a call, a soft one went over its limit.', 'counter', ['budget', 'action']);
  const warnings = new MetricFamily('switchyard_warnings_total', 'Switchyard warning events by code (ledger-write-failed, unknown-price, ...).', 'counter', ['code']);
  const headroom = new MetricFamily('switchyard_target_rate_limit_remaining', 'Rate-limit headroom the provider last reported for a target.', 'gauge', ['provider', 'model', 'kind']);

  const off = [
    switchyard.on('attempt-end', (e) => {
      attempts.inc([e.alias, e.provider, e.model, e.operation, e.outcome, e.errorCode ?? '']);
      attemptSeconds.observe([e.provider, e.model, e.operation], e.latencyMs / 1000);
      if (e.ttftMs !== undefined) ttft.observe([e.provider, e.model], e.ttftMs / 1000);
      const u = e.usage;
      if (u) {
        if (u.inputTokens) tokens.inc([e.provider, e.model, 'input'], u.inputTokens);
        if (u.outputTokens) tokens.inc([e.provider, e.model, 'output'], u.outputTokens);
        if (u.cachedInputTokens) tokens.inc([e.provider, e.model, 'cached_input'], u.cachedInputTokens);
        if (u.cacheWriteTokens) tokens.inc([e.provider, e.model, 'cache_write'], u.cacheWriteTokens);
        if (u.reasoningTokens) tokens.inc([e.provider, e.model, 'reasoning'], u.reasoningTokens);
      }
      if (e.cost) cost.inc([e.provider, e.model], e.cost.nanoUsd);
      else if (e.cost === null) unpriced.inc([e.provider, e.model]);
    }),
    switchyard.on('failover', (e) => failovers.inc([e.alias, `${e.from.provider}/${e.from.model}`, `${e.to.provider}/${e.to.model}`, e.errorCode ?? ''])),
    switchyard.on('budget', (e) => budgets.inc([String(e.budget), String(e.action)])),
    switchyard.on('warning', (e) => warnings.inc([String(e.code ?? 'other')])),
  ];

  return {
    request(route, status, durationMs) {
      requests.inc([route, String(status)]);
      duration.observe([route], durationMs / 1000);
    },
    rateLimit(provider, model, info) {
      if (info.remainingRequests !== undefined) headroom.set([provider, model, 'requests'], info.remainingRequests);
      if (info.remainingTokens !== undefined) headroom.set([provider, model, 'tokens'], info.remainingTokens);
    },
    render(state) {
      const circuit = new MetricFamily('switchyard_circuit_state', 'Circuit state per target: 0 closed, 1 half-open, 2 open.', 'gauge', ['alias', 'provider', 'model']);
      const failuresInRow = new MetricFamily('switchyard_target_consecutive_failures', 'Failures in a row per target since its last success.', 'gauge', ['alias', 'provider', 'model']);
      const latency = new MetricFamily('switchyard_target_latency_seconds', 'Moving average latency per target (chat, embed).', 'gauge', ['alias', 'provider', 'model']);
      const failureRate = new MetricFamily('switchyard_target_failure_rate', 'Moving share of recent attempts that failed, 0 to 1.', 'gauge', ['alias', 'provider', 'model']);
      const exhausted = new MetricFamily('switchyard_target_limit_exhausted_seconds', "Seconds until a provider's signal (rate-limit headers at 0, a 429's retry-after) stops the target being skipped; 0 while it has headroom.", 'gauge', ['alias', 'provider', 'model', 'by']);
      const learned = new MetricFamily('switchyard_target_learned_max_concurrency', 'The concurrency limit learned from the provider refusing calls in flight, fleet-wide, while one is in force.', 'gauge', ['alias', 'provider', 'model']);
      const extra = new Map<string, MetricFamily>();
      const health = switchyard.health();
      const at = now();
      for (const t of health.targets) {
        const labels = [t.alias, t.provider, t.model];
        circuit.set(labels, CIRCUIT[t.state] ?? 0);
        failuresInRow.set(labels, t.consecutiveFailures);
        if (t.latencyMs !== undefined) latency.set(labels, t.latencyMs / 1000);
        if (t.failureRate !== undefined) failureRate.set(labels, t.failureRate);
        const limits = t.limits;
        const until = limits?.exhaustedUntil;
        exhausted.set([...labels, until !== undefined && until > at ? (limits?.exhaustedBy ?? '') : ''], until !== undefined && until > at ? (until - at) / 1000 : 0);
        if (limits?.learnedMaxConcurrency !== undefined) learned.set(labels, limits.learnedMaxConcurrency);
        // Fields other layers add to health() (limits and their headroom, shared state) are exported as they are.
        for (const [field, value] of Object.entries(t)) {
          if (KNOWN_HEALTH.has(field) || typeof value !== 'number') continue;
          const name = `switchyard_target_${snake(field)}`;
          let family = extra.get(name);
          if (!family) extra.set(name, (family = new MetricFamily(name, `health() field ${field} per target.`, 'gauge', ['alias', 'provider', 'model'])));
          family.set(labels, value);
        }
      }
      const shared = health.state;
      const stateSource = new MetricFamily('switchyard_state_source', 'Where the circuit, limit and budget state comes from: 1 for the source in use (memory, redis, or local while Redis is unreachable).', 'gauge', ['type', 'source']);
      stateSource.set([shared.type, shared.source], 1);
      const stateUp = new MetricFamily('switchyard_state_up', 'Redis shared state: 1 while connected, 0 while connecting or down.', 'gauge', []);
      const instances = new MetricFamily('switchyard_state_instances', 'Redis shared state: instances sharing it, from their heartbeats (this one included).', 'gauge', []);
      if (shared.status !== undefined) stateUp.set([], STATE_STATUS[shared.status] ?? 0);
      if (shared.instances !== undefined) instances.set([], shared.instances);
      const inFlight = new MetricFamily('switchyard_gateway_requests_in_flight', 'API requests in flight.', 'gauge', []);
      inFlight.set([], state.inFlight);
      const draining = new MetricFamily('switchyard_gateway_draining', '1 while the gateway drains (after SIGTERM or close()).', 'gauge', []);
      draining.set([], state.draining ? 1 : 0);
      return [requests, duration, inFlight, draining, attempts, failovers, tokens, cost, unpriced, attemptSeconds, ttft, budgets, warnings, headroom, circuit, failuresInRow, latency, failureRate, exhausted, learned, stateSource, stateUp, instances, ...extra.values()]
        .map((f) => f.render())
        .join('');
    },
    close() {
      for (const stop of off) stop();
    },
  };
}
