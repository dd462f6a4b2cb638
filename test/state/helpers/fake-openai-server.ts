import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** How one fake target answers, and what it saw. */
export interface FakeTarget {
  /** `ok`: a chat completion; `503`: overloaded; `429-once`: the next request gets a 429 saying no requests are left, then `ok`. */
  mode: 'ok' | '503' | '429-once';
  /** Milliseconds before answering. */
  delayMs: number;
  /** The provider's own requests-per-minute limit: past it, it answers 429 (as OpenAI would). */
  ownRpm?: number;
  /** The usage each answer reports. */
  usage: { prompt_tokens: number; completion_tokens: number };
  /** Seconds until the reset announced by `429-once`. */
  resetSeconds: number;
  requests: number;
  inflight: number;
  /** The most requests it had in flight at once. */
  peak: number;
  /** Every status it answered. */
  statuses: number[];
  /** When each request arrived (ms). */
  times: number[];
}

/** A loopback HTTP server speaking OpenAI's Chat Completions for targets named in the path: `/<name>/v1/chat/completions`. */
export interface FakeOpenAIServer {
  origin: string;
  target(name: string): FakeTarget;
  reset(): void;
  close(): Promise<void>;
}

const fresh = (): FakeTarget => ({ mode: 'ok', delayMs: 0, usage: { prompt_tokens: 12, completion_tokens: 5 }, resetSeconds: 3, requests: 0, inflight: 0, peak: 0, statuses: [], times: [] });

function completion(model: string, usage: FakeTarget['usage']) {
  return JSON.stringify({
    id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Volta, Pra and Ankobra.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    system_fingerprint: 'fp_fleet',
  });
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const targets = new Map<string, FakeTarget>();
  const target = (name: string) => {
    let t = targets.get(name);
    if (!t) targets.set(name, (t = fresh()));
    return t;
  };
  const answer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${Math.random().toString(36).slice(2, 14)}`, ...headers });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const name = (req.url ?? '').split('/')[1] ?? '';
    const t = target(name);
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const now = Date.now();
      t.requests++;
      t.times.push(now);
      t.inflight++;
      t.peak = Math.max(t.peak, t.inflight);
      const finish = (status: number, body: string, headers?: Record<string, string>) => {
        t.inflight--;
        t.statuses.push(status);
        answer(res, status, body, headers);
      };
      setTimeout(() => {
        const model = (JSON.parse(raw || '{}') as { model?: string }).model ?? 'gpt-4o-2024-08-06';
        if (t.mode === '503') return finish(503, JSON.stringify({ error: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', param: null, code: null } }));
        if (t.mode === '429-once') {
          t.mode = 'ok';
          return finish(
            429,
            JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o in organization org-fleet on requests per min (RPM): Limit 60, Used 60, Requested 1.', type: 'requests', param: null, code: 'rate_limit_exceeded' } }),
            { 'retry-after': String(t.resetSeconds), 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${t.resetSeconds}s` },
          );
        }
        if (t.ownRpm !== undefined && t.times.filter((at) => at > now - 60_000).length > t.ownRpm) {
          return finish(429, JSON.stringify({ error: { message: 'Rate limit reached on requests per min (RPM)', type: 'requests', param: null, code: 'rate_limit_exceeded' } }), { 'retry-after': '1' });
        }
        finish(200, completion(model, t.usage), { 'x-ratelimit-remaining-requests': '5000', 'x-ratelimit-reset-requests': '12ms' });
      }, t.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    target,
    reset: () => targets.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
