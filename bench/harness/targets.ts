import { FLOOR, type ScenarioSummary, type SummaryRow } from './summarize.ts';

/** One of the benchmark's targets (issues 8 and 14), checked for one client. */
export interface TargetCheck {
  target: string;
  client: string;
  measured: string;
  limit: string;
  /** null when the run has no data for it. */
  holds: boolean | null;
}

function row(summaries: readonly ScenarioSummary[], scenario: string, client: string): SummaryRow | undefined {
  const r = summaries.find((s) => s.scenario.id === scenario)?.rows.find((x) => x.client === client);
  return r && r.reps > 0 ? r : undefined;
}

const x = (n: number) => `${n.toFixed(2)}×`;

/** Checks issue 8's targets for `client` (Switchyard through createSwitchyard, or the adapter alone). */
export function checkTargets(summaries: readonly ScenarioSummary[], client: string): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = (target: string, scenario: string, pick: 'cpuRatio' | 'rssRatio', limit: number) => {
    const r = row(summaries, scenario, client);
    const [lo, hi] = r?.cpuRatioRange ?? [0, 0];
    const spread = r && pick === 'cpuRatio' && r.reps > 1 ? ` (repetitions ${lo.toFixed(2)}–${hi.toFixed(2)}${lo <= limit && hi > limit ? ', straddling the limit' : ''})` : '';
    checks.push({ target, client, measured: r ? `${x(r[pick])}${spread}` : 'not run', limit: `≤ ${limit}× floor`, holds: r ? r[pick] <= limit : null });
  };
  // Issue 20's limits (issue 8's were 1.5, 1.5 and 1.3): the routed client with a fallback chain, breaker and SQLite
  // ledger at 1.3, 1.3 and 1.2; the adapter alone at 1.2 on all three; peak RSS at 1.3 for both.
  const routed = client === 'switchyard-client';
  ratio('CPU/request, chat, concurrency 64', 'chat-c64', 'cpuRatio', routed ? 1.3 : 1.2);
  ratio('CPU/request, 100-chunk stream, concurrency 64', 'stream-c64', 'cpuRatio', routed ? 1.3 : 1.2);
  ratio('CPU/request, paced stream, concurrency 64', 'paced-c64', 'cpuRatio', 1.2);
  ratio('Peak RSS, 64 concurrent streams (unpaced)', 'stream-c64', 'rssRatio', 1.3);
  ratio('Peak RSS, 64 concurrent streams (paced)', 'paced-c64', 'rssRatio', 1.3);
  if (routed) checks.push(...checkStreamPathTargets(summaries));

  // Failover: exactly one request to the primary and one to the fallback per call (server-counted: no retry of
  // the 503), and no sleeping: at concurrency 1, failing over may slow the call (p50 over the same client's direct
  // chat p50) at most 1.25× as much as it slows the floor, whose hand-written failover is exactly one extra round trip.
  // (A backoff sleep would add tens of milliseconds to a sub-millisecond call.)
  const f = row(summaries, 'failover-c1', client);
  const direct = row(summaries, 'chat-c1', client);
  const floorF = row(summaries, 'failover-c1', FLOOR);
  const floorDirect = row(summaries, 'chat-c1', FLOOR);
  if (f && direct && floorF && floorDirect) {
    const slowdown = f.p50Ms / direct.p50Ms;
    const floorSlowdown = floorF.p50Ms / floorDirect.p50Ms;
    checks.push({
      target: 'Failover (primary 503): at most one extra round trip, no sleeping',
      client,
      measured: `${f.primaryPerCall?.toFixed(2)} primary + ${f.fallbackPerCall?.toFixed(2)} fallback requests/call; p50 ${f.p50Ms.toFixed(2)} ms = ${x(slowdown)} its direct chat (${direct.p50Ms.toFixed(2)} ms); the floor's: ${floorF.p50Ms.toFixed(2)} ms = ${x(floorSlowdown)} its direct chat`,
      limit: '1 + 1 requests/call; slowdown ≤ 1.25× the floor\'s',
      holds: (f.primaryPerCall ?? 99) <= 1 && (f.fallbackPerCall ?? 99) <= 1 && slowdown <= 1.25 * floorSlowdown,
    });
  } else checks.push({ target: 'Failover (primary 503): at most one extra round trip, no sleeping', client, measured: 'not run', limit: '', holds: null });
  // Breaker open: no request reaches the primary, and the call meets the same overhead limit as a healthy routed
  // call, against the floor calling the fallback directly (its chat ratio is shown beside it for comparison).
  const b = row(summaries, 'breaker-c64', client);
  const chat = row(summaries, 'chat-c64', client);
  checks.push({
    target: 'Breaker open: the dead primary costs nothing',
    client,
    measured: b ? `${b.primaryPerCall?.toFixed(3)} primary requests/call; CPU ${x(b.cpuRatio)} the floor calling the fallback directly${chat ? ` (its healthy chat at c64: ${x(chat.cpuRatio)})` : ''}` : 'not run',
    limit: '0 primary requests; CPU ≤ 1.5× floor',
    holds: b ? b.primaryPerCall === 0 && b.cpuRatio <= 1.5 : null,
  });
  if (client === 'switchyard-client') checks.push(...checkStateTargets(summaries, client));
  return checks;
}

/**
 * Issue 14's targets, for Switchyard's shared state: with `state.type: redis`, a call that needs no limit and no budget
 * costs what it does with the memory state (within noise: at most 0.10× the floor more); a call that needs Redis (a
 * limit and a budget, one round trip) adds at most 60 µs CPU and 1 ms p99 to the same call with the state in memory.
 */
function checkStateTargets(summaries: readonly ScenarioSummary[], client: string): TargetCheck[] {
  const chat = row(summaries, 'chat-c64', client);
  const plain = row(summaries, 'redis-c64', client);
  const memory = row(summaries, 'limits-c64', client);
  const redis = row(summaries, 'redis-limited-c64', client);
  const us = (n: number) => `${n.toFixed(0)} µs`;
  const checks: TargetCheck[] = [];
  checks.push({
    target: 'Redis state, no limit or budget: costs what the memory state does',
    client,
    measured: chat && plain ? `${us(plain.cpuUsPerRequest)} (${x(plain.cpuRatio)} floor) vs ${us(chat.cpuUsPerRequest)} (${x(chat.cpuRatio)}) with the memory state; p99 ${plain.p99Ms.toFixed(2)} vs ${chat.p99Ms.toFixed(2)} ms` : 'not run',
    limit: 'CPU × floor at most 0.10 above the memory state\'s',
    holds: chat && plain ? plain.cpuRatio - chat.cpuRatio <= 0.1 : null,
  });
  const cpuDelta = redis && memory ? redis.cpuUsPerRequest - memory.cpuUsPerRequest : 0;
  const p99Delta = redis && memory ? redis.p99Ms - memory.p99Ms : 0;
  checks.push({
    target: 'Redis state, a limit and a budget (one round trip per call): what Redis adds',
    client,
    measured: redis && memory ? `+${us(cpuDelta)} CPU (${us(redis.cpuUsPerRequest)}, ${x(redis.cpuRatio)} floor, vs ${us(memory.cpuUsPerRequest)} in memory); p99 +${p99Delta.toFixed(2)} ms (${redis.p99Ms.toFixed(2)} vs ${memory.p99Ms.toFixed(2)} ms)` : 'not run',
    limit: '≤ +60 µs CPU/request and ≤ +1 ms p99 over the memory state',
    holds: redis && memory ? cpuDelta <= 60 && p99Delta <= 1 : null,
  });
  return checks;
}

/** A client's own run over another's in each repetition of a scenario (both measured in the same repetitions). */
function overRatio(summaries: readonly ScenarioSummary[], scenario: string, client: string, base: string): number | undefined {
  const a = row(summaries, scenario, client);
  const b = row(summaries, scenario, base);
  // Each row's cpuRatio is a median of per-repetition ratios to the same floor runs: their quotient is the overhead.
  return a && b ? a.cpuRatio / b.cpuRatio : undefined;
}

/**
 * Issue 20's targets beyond the CPU ratios: an OpenTelemetry SDK registered costs at most 20 % over the same client
 * without one (chat and stream), telemetry turned off costs nothing measurable next to the default without an SDK,
 * and the routed stream's first part comes at most 50 µs after the adapter's (p50, stream-c1).
 */
export function checkStreamPathTargets(summaries: readonly ScenarioSummary[]): TargetCheck[] {
  const client = 'switchyard-client';
  const checks: TargetCheck[] = [];
  for (const [scenario, label] of [['chat-c64', 'chat'], ['stream-c64', '100-chunk stream']] as const) {
    const sdk = overRatio(summaries, scenario, `${client}:otel=sdk`, client);
    // The floor with the same SDK and the least work Switchyard's spans and metrics need with it: the SDK's own cost.
    const least = overRatio(summaries, scenario, `${FLOOR}:otel=sdk`, FLOOR);
    // Its share of the routed call's CPU (without an SDK) is what compares with the limit.
    const routedRatio = row(summaries, scenario, client)?.cpuRatio;
    const leastNote = least === undefined || routedRatio === undefined ? '' : `; the SDK's own work for the same spans and metrics, on the floor: +${((least - 1) * 100).toFixed(0)} % of the floor's CPU, +${(((least - 1) / routedRatio) * 100).toFixed(0)} % of the routed call's`;
    checks.push({ target: `OpenTelemetry SDK registered, ${label}, concurrency 64`, client, measured: sdk === undefined ? 'not run' : `+${((sdk - 1) * 100).toFixed(0)} % CPU over no SDK${leastNote}`, limit: '≤ +20 %', holds: sdk === undefined ? null : sdk <= 1.2 });
    const off = overRatio(summaries, scenario, client, `${client}:otel=off`);
    checks.push({ target: `Telemetry without an SDK next to telemetry: false, ${label}`, client, measured: off === undefined ? 'not run' : `${off >= 1 ? '+' : ''}${((off - 1) * 100).toFixed(1)} % CPU`, limit: 'within noise (≤ +5 %)', holds: off === undefined ? null : off <= 1.05 });
  }
  const routed = row(summaries, 'stream-c1', client);
  const adapter = row(summaries, 'stream-c1', 'switchyard-provider-client');
  const delta = routed?.ttftP50Ms !== undefined && adapter?.ttftP50Ms !== undefined ? (routed.ttftP50Ms - adapter.ttftP50Ms) * 1000 : undefined;
  checks.push({
    target: 'Time to first part through the router, stream, concurrency 1 (p50)',
    client,
    measured: delta === undefined ? 'not run' : `${delta >= 0 ? '+' : ''}${delta.toFixed(0)} µs over the adapter alone (${(routed?.ttftP50Ms ?? 0).toFixed(3)} vs ${(adapter?.ttftP50Ms ?? 0).toFixed(3)} ms)`,
    limit: '≤ adapter + 50 µs',
    holds: delta === undefined ? null : delta <= 50,
  });
  return checks;
}
