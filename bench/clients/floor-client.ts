import { performance } from 'node:perf_hooks';
import { Agent, Pool, request, type Dispatcher } from 'undici';
import { BENCH_MESSAGES, BENCH_MODEL, MAX_TOKENS } from '../bench-text.ts';
import { UnexpectedStatusError, type BenchClient, type BenchReply, type BenchTargets } from './bench-client.ts';

interface ChatJson {
  choices: Array<{ message: { content: string } }>;
  usage: { completion_tokens: number };
}
interface ChunkJson {
  choices: Array<{ delta: { content?: string } }>;
  usage?: { completion_tokens: number } | null;
}

const HEADERS = { authorization: 'Bearer sk-bench-floor', 'content-type': 'application/json', accept: 'application/json' };
const STREAM_HEADERS = { ...HEADERS, accept: 'text/event-stream' };

/** Reads an OpenAI SSE body with the least work that is still correct for this server: split on blank lines, JSON.parse each event. */
async function readStream(body: Dispatcher.ResponseData['body']): Promise<BenchReply> {
  body.setEncoding('utf8');
  let buffer = '';
  let text = '';
  let chunks = 0;
  let outputTokens = -1;
  let firstPartAt: number | undefined;
  for await (const piece of body as AsyncIterable<string>) {
    buffer += piece;
    let start = 0;
    let end = buffer.indexOf('\n\n', start);
    while (end !== -1) {
      const data = buffer.slice(start + 6, end); // after "data: "
      start = end + 2;
      end = buffer.indexOf('\n\n', start);
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data) as ChunkJson;
      const content = chunk.choices[0]?.delta.content;
      if (content) {
        text += content;
        if (chunks === 0) firstPartAt = performance.now();
        chunks++;
      }
      if (chunk.usage) outputTokens = chunk.usage.completion_tokens;
    }
    buffer = buffer.slice(start);
  }
  return firstPartAt === undefined ? { text, chunks, outputTokens } : { text, chunks, outputTokens, firstPartAt };
}

/**
 * The floor: `undici.request` on one keep-alive Agent (the same pool settings as Switchyard's transport),
 * `JSON.parse` for chat and a minimal SSE split for streams. Failover is a hand-written try-the-next.
 */
export async function createClient(targets: BenchTargets): Promise<BenchClient> {
  // Variant `pool=N`: one undici Pool of N connections to the fake provider's origin instead of the Agent (cheaper per
  // request: no per-origin lookup), as some harnesses measure the floor.
  const variant = new URLSearchParams(targets.variant.replace(/\+/g, '&'));
  const poolSize = Number(variant.get('pool') ?? 0);
  const dispatcher: Dispatcher = poolSize > 0 ? new Pool(targets.origin, { connections: poolSize, keepAliveTimeout: 30_000 }) : new Agent({ connections: 128, keepAliveTimeout: 30_000 });
  const first = targets.mode === 'breaker-open' ? (targets.fallbackBaseURL as string) : targets.primaryBaseURL;
  const failover = targets.mode === 'failover';

  async function post(baseURL: string, stream: boolean): Promise<Dispatcher.ResponseData> {
    const body = JSON.stringify(
      stream
        ? { model: BENCH_MODEL, messages: BENCH_MESSAGES, max_completion_tokens: MAX_TOKENS, stream: true, stream_options: { include_usage: true } }
        : { model: BENCH_MODEL, messages: BENCH_MESSAGES, max_completion_tokens: MAX_TOKENS },
    );
    const res = await request(`${baseURL}/chat/completions`, { method: 'POST', headers: stream ? STREAM_HEADERS : HEADERS, body, dispatcher });
    if (res.statusCode === 200) return res;
    await res.body.dump();
    throw new UnexpectedStatusError(res.statusCode, 'floor');
  }

  async function send(stream: boolean): Promise<Dispatcher.ResponseData> {
    if (!failover) return post(first, stream);
    try {
      return await post(first, stream);
    } catch (error) {
      if (!(error instanceof UnexpectedStatusError) || error.status < 500) throw error;
      return post(targets.fallbackBaseURL as string, stream);
    }
  }

  const client: BenchClient = {
    describe: `undici.request (npm undici) on ${poolSize > 0 ? `a Pool (${poolSize} connections)` : 'an Agent (128 connections)'}, JSON.parse / minimal SSE split`,
    async chat() {
      const res = await send(false);
      const json = (await res.body.json()) as ChatJson;
      return { text: json.choices[0].message.content, chunks: 1, outputTokens: json.usage.completion_tokens };
    },
    async stream() {
      return readStream((await send(true)).body);
    },
    async close() {
      await dispatcher.close();
    },
  };
  // Variant `otel=sdk`: an OpenTelemetry SDK registered as for `switchyard-client:otel=sdk`, and the least work with it
  // that Switchyard's spans and metrics need (`withLeastOtelWork`): what the SDK costs before any Switchyard code runs.
  // Loaded only for that variant, so that the floor itself loads no OpenTelemetry module.
  if (variant.get('otel') !== 'sdk') return client;
  const [{ registerOtelSdk }, { withLeastOtelWork }] = await Promise.all([import('./register-otel-sdk.ts'), import('./with-least-otel-work.ts')]);
  const sdk = registerOtelSdk();
  const traced = withLeastOtelWork(client);
  return {
    ...traced,
    async close() {
      await traced.close();
      await sdk.shutdown();
    },
  };
}
