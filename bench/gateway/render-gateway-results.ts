import type { GatewayReport, GatewaySummaryRow } from './run-gateway-bench.ts';

/** One of issue 18's targets for Switchyard's gateway. */
export interface GatewayTargetCheck {
  target: string;
  measured: string;
  limit: string;
  holds: boolean | null;
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : '–');
const num = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');

function row(report: GatewayReport, gateway: string, op: string): GatewaySummaryRow | undefined {
  const r = report.rows.find((x) => x.gateway === gateway && x.op === op);
  return r && r.reps > 0 && r.failures === 0 ? r : undefined;
}

/** Issue 18's targets: ahead of Portkey on every figure; added p99 at c1 under 1 ms; CPU per request at c64 within 2× the bare proxy's. */
export function checkGatewayTargets(report: GatewayReport): GatewayTargetCheck[] {
  const checks: GatewayTargetCheck[] = [];
  for (const op of ['chat', 'stream'] as const) {
    const sy = row(report, 'switchyard', op);
    const pk = row(report, 'portkey', op);
    const label = op === 'chat' ? 'chat' : '100-chunk stream';
    const versus = (figure: string, pick: (r: GatewaySummaryRow) => number, lowerIsBetter: boolean, show: (n: number) => string) => {
      const a = sy ? pick(sy) : Number.NaN;
      const b = pk ? pick(pk) : Number.NaN;
      checks.push({ target: `${figure}, ${label}: ahead of Portkey`, measured: `Switchyard ${show(a)}, Portkey ${show(b)}`, limit: lowerIsBetter ? 'lower than Portkey' : 'higher than Portkey', holds: sy && pk ? (lowerIsBetter ? a < b : a > b) : null });
    };
    versus('Added latency p50 at c1', (r) => r.addedP50Ms, true, ms);
    versus('Added latency p99 at c1', (r) => r.addedP99Ms, true, ms);
    versus('Throughput at c64', (r) => r.throughput, false, (n) => `${num(n)} req/s`);
    versus('Gateway CPU per request at c64', (r) => r.cpuUsPerRequest, true, (n) => `${num(n)} µs`);
    checks.push({ target: `Added latency p99 at c1, ${label}`, measured: sy ? ms(sy.addedP99Ms) : 'not run', limit: '< 1 ms', holds: sy ? sy.addedP99Ms < 1 : null });
    checks.push({ target: `Gateway CPU per request at c64, ${label}`, measured: sy ? `${num(sy.cpuRatio, 2)}× the bare proxy (${num(sy.cpuUsPerRequest)} µs)` : 'not run', limit: '≤ 2× the bare proxy', holds: sy ? sy.cpuRatio <= 2 : null });
  }
  // The Responses route has no peer measured here (the fake provider speaks Chat Completions): its floor is the bare proxy's chat stream.
  const responses = row(report, 'switchyard', 'responses');
  checks.push({ target: 'Gateway CPU per request at c64, 100-chunk Responses stream (`POST /v1/responses`)', measured: responses ? `${num(responses.cpuRatio, 2)}× the bare proxy's chat stream (${num(responses.cpuUsPerRequest)} µs)` : 'not run', limit: '≤ 2× the bare proxy', holds: responses ? responses.cpuRatio <= 2 : null });
  return checks;
}

const LABELS: Record<string, string> = { 'bare-proxy': 'bare proxy (node:http, the floor)', 'hono-proxy': 'bare proxy on Hono', 'fastify-proxy': 'bare proxy on Fastify', switchyard: '**Switchyard gateway**', portkey: 'Portkey gateway 1.15.2' };

/** The gateway mode's section of RESULTS.md: the tables, the targets, and the published figures of the peers not measured here. */
export function renderGatewaySection(report: GatewayReport | null, skipped?: string): string[] {
  const out = ['', '## Gateway mode (issue 18): Switchyard\'s gateway, Portkey and a bare proxy, side by side', ''];
  if (!report) return [...out, `Not run: ${skipped ?? 'skipped'}.`];
  out.push(
    'Each gateway in its own fresh process, pinned to its own CPU, in front of the same fake provider; a load generator (undici, 64 connections) sends the same conversation. **Added latency** is the gateway\'s p50/p99 minus the fake provider\'s called directly, sequentially (concurrency 1), in interleaved blocks of 25 requests. **Throughput** and **gateway CPU per request** (`/proc/<pid>/stat`, user + system, of the gateway process alone) are at concurrency 64. Every reply is checked (text, chunk count, usage, `[DONE]`). Medians over the repetitions; the CPU ratio is to the bare proxy of the same repetition.',
    `Load average during these runs: ${report.load1.median.toFixed(1)} (median), ${report.load1.max.toFixed(1)} at most.`,
    '',
  );
  const titles = { chat: 'Chat (100-word reply)', stream: '100-chunk stream', responses: '100-chunk stream through the Responses API (`POST /v1/responses`; the bare proxy row is its chat stream, the same upstream work)' } as const;
  for (const op of ['chat', 'stream', 'responses'] as const) {
    if (!report.rows.some((x) => x.op === op)) continue;
    out.push(`### ${titles[op]}`, '', '| gateway | added p50 c1 | added p99 c1 | req/s c64 | CPU µs/req c64 | CPU × bare proxy | peak RSS MB | checked |', '|---|---:|---:|---:|---:|---:|---:|---|');
    for (const r of report.rows.filter((x) => x.op === op)) {
      out.push(`| ${LABELS[r.gateway] ?? r.gateway} | ${ms(r.addedP50Ms)} | ${ms(r.addedP99Ms)} | ${num(r.throughput)} | ${num(r.cpuUsPerRequest)} | ${num(r.cpuRatio, 2)} | ${num(r.gatewayMaxRssBytes / 1048576)} | ${r.failures === 0 && r.reps > 0 ? `${r.requests} ok` : `**INVALID**: ${(r.problem ?? 'no run').replace(/\|/g, '\\|').slice(0, 160)}`} |`);
    }
    const direct = report.rows.find((x) => x.op === op && x.reps > 0);
    if (direct) out.push('', `The fake provider called directly: p50 ${ms(direct.directP50Ms)}, p99 ${ms(direct.directP99Ms)} (the baseline of the added latency).`);
    out.push('');
  }
  out.push('### Targets (issue 18)', '', '| target | measured | limit | holds |', '|---|---|---|---|');
  for (const t of checkGatewayTargets(report)) out.push(`| ${t.target} | ${t.measured} | ${t.limit} | ${t.holds === null ? 'not measured' : t.holds ? 'yes' : '**no**'} |`);
  out.push(
    '',
    '### Peers not measured here (published figures)',
    '',
    'LiteLLM and Bifrost cannot be installed on this machine (Python proxy and Go binary from registries that are not reachable here), so their figures are quoted from their publications, **not measured here**, on other machines and set-ups (`../shared/reference/peers-2026.md`):',
    '',
    '| gateway | published overhead | set-up | source |',
    '|---|---|---|---|',
    '| Bifrost | 0.44–0.62 ms added, sequential | GitHub Actions runner, localhost mock OpenAI upstream, 7 rounds × 25 requests, median of round medians (independent) | cuihuan/llm-gateway-bench `data/overhead.json` (2026-07) |',
    '| Portkey OSS 1.15.2 | 2.37–2.65 ms added, sequential | the same independent run | cuihuan/llm-gateway-bench |',
    '| LiteLLM 1.91.1 | 4.34 ms added, sequential | the same independent run | cuihuan/llm-gateway-bench |',
    '| Bifrost | 11 µs (t3.xlarge) / 59 µs (t3.medium) at 5,000 RPS, excluding JSON marshalling and the upstream call | vendor-run | docs.getbifrost.ai/benchmarking |',
    '| LiteLLM | p50 30.6 / p99 91.6 ms gateway latency at 3,000 RPS, budgets and spend tracking on | vendor-run, 33 pods × 4 workers | docs.litellm.ai/docs/benchmarks (2026-10) |',
    '',
    '### Gateways', '',
  );
  for (const [id, describe] of Object.entries(report.gateways)) out.push(`- **${id}**: ${describe}`);
  return out;
}
