import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';
import { BENCH_MESSAGES, MAX_TOKENS, expectedText } from '../bench-text.ts';
import { GATEWAY_RESULT_PREFIX, type GatewayJob, type GatewayMeasurement, type LoadTarget } from './gateway-job.ts';

// One load-generator process: warm up, measure the added latency sequentially (through the gateway and straight to
// the fake provider, interleaved in blocks), then throughput and the gateway's CPU per request at concurrency 64.
// Every reply is checked. Run by run-gateway-bench.ts, never imported.

const job = JSON.parse(process.argv[2] as string) as GatewayJob;
const CHUNKS = 100;
const TEXT = expectedText(CHUNKS);
let failures = 0;
let firstFailure: string | undefined;

const pools = new Map<string, Pool>();
const poolFor = (origin: string) => {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: 64, keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000 })));
  return pool;
};
/** What a request to `t` is: the fake provider called directly speaks Chat Completions only, so its `responses` baseline is the chat stream. */
const opFor = (t: LoadTarget) => (job.op === 'responses' && t === job.direct ? 'stream' : job.op);
const bodies = new Map<LoadTarget, string>();
const bodyFor = (t: LoadTarget) => {
  let body = bodies.get(t);
  if (body === undefined) {
    const op = opFor(t);
    body =
      op === 'responses'
        ? JSON.stringify({ model: t.model, input: BENCH_MESSAGES, max_output_tokens: MAX_TOKENS, stream: true })
        : JSON.stringify({ model: t.model, messages: BENCH_MESSAGES, max_tokens: MAX_TOKENS, ...(op === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}) });
    bodies.set(t, body);
  }
  return body;
};

function fail(problem: string): void {
  failures++;
  firstFailure ??= problem;
}

async function readStream(body: Dispatcher.ResponseData['body']): Promise<void> {
  body.setEncoding('utf8');
  let buffer = '';
  let text = '';
  let chunks = 0;
  let tokens = -1;
  let done = false;
  for await (const piece of body as AsyncIterable<string>) buffer += piece;
  for (const event of buffer.split('\n\n')) {
    if (!event.startsWith('data: ')) continue;
    const data = event.slice(6);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string } }>; usage?: { completion_tokens: number } | null; error?: unknown };
    if (chunk.error) return fail(`in-band error: ${JSON.stringify(chunk.error).slice(0, 200)}`);
    const content = chunk.choices?.[0]?.delta?.content;
    if (content) {
      text += content;
      chunks++;
    }
    if (chunk.usage) tokens = chunk.usage.completion_tokens;
  }
  if (!done) fail('stream ended without [DONE]');
  else if (text !== TEXT) fail(`stream text differs (${text.length} chars, want ${TEXT.length})`);
  else if (chunks !== CHUNKS) fail(`got ${chunks} content chunks, want ${CHUNKS}`);
  else if (tokens !== CHUNKS) fail(`usage says ${tokens} output tokens, want ${CHUNKS}`);
}

/** A Responses API stream: its text deltas, then `response.completed` with the usage, and no error event. */
async function readResponsesStream(body: Dispatcher.ResponseData['body']): Promise<void> {
  body.setEncoding('utf8');
  let buffer = '';
  let text = '';
  let deltas = 0;
  let completed: { usage?: { output_tokens: number }; output?: Array<{ type: string; content?: Array<{ text: string }> }> } | undefined;
  for await (const piece of body as AsyncIterable<string>) buffer += piece;
  for (const frame of buffer.split('\n\n')) {
    const at = frame.indexOf('\ndata: ');
    if (at === -1) continue;
    const event = JSON.parse(frame.slice(at + 7)) as { type: string; delta?: string; response?: typeof completed; error?: unknown };
    if (event.type === 'error' || event.type === 'response.failed') return fail(`in-band ${event.type}: ${JSON.stringify(event.error ?? event.response).slice(0, 200)}`);
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
      deltas++;
    } else if (event.type === 'response.completed') completed = event.response;
  }
  if (!completed) fail('stream ended without response.completed');
  else if (text !== TEXT) fail(`stream text differs (${text.length} chars, want ${TEXT.length})`);
  else if (deltas !== CHUNKS) fail(`got ${deltas} text deltas, want ${CHUNKS}`);
  else if (completed.output?.find((i) => i.type === 'message')?.content?.[0]?.text !== TEXT) fail('the completed response has another text');
  else if (completed.usage?.output_tokens !== CHUNKS) fail(`usage says ${completed.usage?.output_tokens} output tokens, want ${CHUNKS}`);
}

async function once(t: LoadTarget): Promise<void> {
  const answer = await poolFor(t.origin).request({ method: 'POST', path: t.path, headers: { 'content-type': 'application/json', ...t.headers }, body: bodyFor(t) });
  if (answer.statusCode !== 200) {
    fail(`status ${answer.statusCode}: ${(await answer.body.text()).slice(0, 300)}`);
    return;
  }
  const op = opFor(t);
  if (op === 'stream') return readStream(answer.body);
  if (op === 'responses') return readResponsesStream(answer.body);
  const reply = (await answer.body.json()) as { choices: Array<{ message: { content: string } }>; usage: { completion_tokens: number } };
  if (reply.choices[0]?.message.content !== TEXT) fail('chat text differs');
  else if (reply.usage.completion_tokens !== CHUNKS) fail(`usage says ${reply.usage.completion_tokens} output tokens`);
}

async function timed(t: LoadTarget): Promise<number> {
  const start = performance.now();
  try {
    await once(t);
  } catch (error) {
    fail(`threw ${(error as Error).message}`);
  }
  return performance.now() - start;
}

/** The gateway's user + system CPU time so far, µs, and its peak RSS, bytes (Linux /proc). */
function gatewayUsage(): { cpuUs: number; maxRss: number } {
  try {
    const stat = readFileSync(`/proc/${job.gatewayPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line; here they are 12 and 13 (0-based 11, 12).
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${job.gatewayPid}/status`, 'utf8'))?.[1];
    return { cpuUs: (ticks * 1e6) / job.clockTicks, maxRss: Number(hwm ?? 0) * 1024 };
  } catch {
    return { cpuUs: Number.NaN, maxRss: Number.NaN };
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;

// Warm-up: both paths, at concurrency 64 and sequentially.
{
  let next = 0;
  const stopAt = performance.now() + job.budgetMs;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next++ < job.warmup && performance.now() < stopAt) await timed(job.target);
  }));
  for (let i = 0; i < 200; i++) await timed(i % 2 === 0 ? job.target : job.direct);
}
const warmupFailures = failures;

// Concurrency 1: blocks of 25 through the gateway, then 25 direct, so that the machine's drift affects both alike.
const viaGateway: number[] = [];
const direct: number[] = [];
{
  const stopAt = performance.now() + job.budgetMs;
  while (viaGateway.length < job.c1Requests && performance.now() < stopAt) {
    for (let i = 0; i < 25; i++) viaGateway.push(await timed(job.target));
    for (let i = 0; i < 25; i++) direct.push(await timed(job.direct));
  }
}
viaGateway.sort((a, b) => a - b);
direct.sort((a, b) => a - b);

// Concurrency 64 through the gateway: throughput and the gateway process's CPU per request.
const latencies: number[] = [];
const before = gatewayUsage();
const t0 = performance.now();
{
  let next = 0;
  const stopAt = t0 + job.budgetMs;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < job.c64Requests && performance.now() < stopAt) {
      next++;
      latencies.push(await timed(job.target));
    }
  }));
}
const wallMs = performance.now() - t0;
const after = gatewayUsage();
latencies.sort((a, b) => a - b);

const p = (xs: number[], q: number) => (xs.length > 0 ? percentile(xs, q) : Number.NaN);
const result: GatewayMeasurement = {
  gateway: job.gateway,
  op: job.op,
  c1: {
    requests: viaGateway.length,
    p50Ms: p(viaGateway, 0.5),
    p99Ms: p(viaGateway, 0.99),
    directP50Ms: p(direct, 0.5),
    directP99Ms: p(direct, 0.99),
    addedP50Ms: p(viaGateway, 0.5) - p(direct, 0.5),
    addedP99Ms: p(viaGateway, 0.99) - p(direct, 0.99),
  },
  c64: { requests: latencies.length, throughput: latencies.length / (wallMs / 1000), p50Ms: p(latencies, 0.5), p99Ms: p(latencies, 0.99), cpuUsPerRequest: (after.cpuUs - before.cpuUs) / latencies.length, wallMs },
  gatewayMaxRssBytes: after.maxRss,
  failures,
  ...(firstFailure !== undefined ? { firstFailure: warmupFailures > 0 ? `(in warm-up) ${firstFailure}` : firstFailure } : {}),
};
await Promise.all([...pools.values()].map((pool) => pool.close()));
process.stdout.write(`${GATEWAY_RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
