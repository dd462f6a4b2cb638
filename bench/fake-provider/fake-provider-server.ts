import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseFakeControls, splitControlPrefix, type FakeControls } from './fake-controls.ts';
import { buildOpenAIChat, buildOpenAIError, buildOpenAIStream, type OpenAIFlavor } from './fake-openai-wire.ts';
import type { FakeResponse } from './fake-response.ts';
import { buildVertexChat, buildVertexError, buildVertexStream } from './fake-vertex-wire.ts';

/** A running fake provider. */
export interface FakeProviderServer {
  /** The loopback port it listens on. */
  port: number;
  /** Requests received per control spec (`''` for requests without controls). */
  counts(): Record<string, number>;
  /** Stops listening and drops open (also hung) connections. */
  close(): Promise<void>;
}

type Route = { kind: 'openai'; flavor: OpenAIFlavor } | { kind: 'vertex'; model: string; stream: boolean; sse: boolean } | { kind: 'stats' } | { kind: 'reset-stats' };

const VERTEX_PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const AZURE_PATH = /\/openai\/deployments\/[^/]+\/chat\/completions$/;

function route(method: string, path: string, query: string, req: IncomingMessage): Route | FakeResponse {
  if (path === '/__stats') return method === 'POST' ? { kind: 'reset-stats' } : { kind: 'stats' };
  if (method !== 'POST') return plainError(405, 'fake provider: only POST is served');
  if (AZURE_PATH.test(path)) {
    if (!/(^|&)api-version=[^&]+/.test(query)) return plainError(404, 'Resource not found (the Azure route needs ?api-version=)');
    if (!req.headers['api-key'] && !req.headers.authorization) return plainError(401, 'Access denied due to missing subscription key.');
    return { kind: 'openai', flavor: 'azure' };
  }
  const vertex = VERTEX_PATH.exec(path);
  if (vertex) {
    if (!req.headers.authorization && !req.headers['x-goog-api-key']) return buildVertexError(401, 0, 'Request is missing required authentication credential.');
    const stream = vertex[2] === 'streamGenerateContent';
    return { kind: 'vertex', model: vertex[1], stream, sse: stream && /(^|&)alt=sse(&|$)/.test(query) };
  }
  if (path.endsWith('/chat/completions')) {
    if (!req.headers.authorization) return plainError(401, 'You did not provide an API key.');
    return { kind: 'openai', flavor: 'openai' };
  }
  return plainError(404, `fake provider: no route for ${method} ${path}`);
}

function plainError(status: number, message: string): FakeResponse {
  const body = Buffer.from(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }));
  return { status, headers: ['content-type', 'application/json', 'content-length', String(body.length)], body };
}

/** Writes a stream's events one by one, `delayMs` apart, optionally ending the connection after `cutAfter` text chunks. */
function deliverEvents(res: ServerResponse, reply: FakeResponse, controls: FakeControls): void {
  const events = reply.events as Buffer[];
  const cutAt = controls.cutAfter >= 0 ? (reply.leadEvents ?? 0) + controls.cutAfter : -1;
  let i = 0;
  res.writeHead(reply.status, reply.headers);
  const step = (): boolean => {
    if (res.destroyed) return false;
    if (i === cutAt) {
      // An unterminated chunked body: the client sees the connection end mid-stream.
      res.socket?.end();
      return false;
    }
    res.write(events[i++]);
    if (i === events.length) {
      res.end();
      return false;
    }
    return true;
  };
  if (controls.delayMs === 0) {
    while (step());
    return;
  }
  if (!step()) return;
  const timer = setTimeout(() => {
    if (step()) timer.refresh();
  }, controls.delayMs);
  res.on('close', () => clearTimeout(timer));
}

/**
 * Starts the fake provider on 127.0.0.1 (or `host`; port 0 picks a free one). It speaks OpenAI (`/v1/chat/completions`),
 * Azure classic (`/openai/deployments/{d}/chat/completions?api-version=`) and Vertex (`…/models/{m}:generateContent`,
 * `:streamGenerateContent?alt=sse`), with per-request controls (see `FakeControls`). Replies are built once per
 * shape and replayed as bytes, so the server costs little beside the client it serves.
 */
export async function startFakeProviderServer(port = 0, host = '127.0.0.1'): Promise<FakeProviderServer> {
  const replies = new Map<string, FakeResponse>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  let serial = 0;

  const reply = (key: string, build: () => FakeResponse): FakeResponse => {
    let r = replies.get(key);
    if (!r) replies.set(key, (r = build()));
    return r;
  };

  const respond = (res: ServerResponse, r: FakeResponse, controls: FakeControls | undefined) => {
    if (r.events && controls && (controls.delayMs > 0 || controls.cutAfter >= 0)) return deliverEvents(res, r, controls);
    res.writeHead(r.status, r.headers);
    res.end(r.body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const fullPath = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    const split = splitControlPrefix(fullPath);
    const header = req.headers['x-fake-control'];
    const spec = typeof header === 'string' ? (split.spec ? `${split.spec},${header}` : header) : split.spec;
    const r = route(req.method ?? 'GET', split.rest, query, req);
    if ('status' in r) return respond(res, r, undefined);
    if (r.kind === 'stats') return respond(res, { status: 200, headers: ['content-type', 'application/json'], body: Buffer.from(JSON.stringify(Object.fromEntries(counts))) }, undefined);
    if (r.kind === 'reset-stats') {
      counts.clear();
      return respond(res, { status: 204, headers: [], body: Buffer.alloc(0) }, undefined);
    }
    let controls: FakeControls;
    try {
      controls = parseFakeControls(spec);
    } catch (error) {
      return respond(res, plainError(400, (error as Error).message), undefined);
    }
    counts.set(spec, (counts.get(spec) ?? 0) + 1);
    if (controls.fault === 'hang') return; // never answers; the client's deadline or abort must end it
    if (controls.fault === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (controls.fault !== 'none') {
      const status = Number(controls.fault);
      const key = `err|${r.kind === 'openai' ? r.flavor : 'vertex'}|${status}|${controls.retryAfterS}`;
      return respond(res, reply(key, () => (r.kind === 'openai' ? buildOpenAIError(r.flavor, status, controls.retryAfterS) : buildVertexError(status, controls.retryAfterS))), undefined);
    }
    if (r.kind === 'openai') {
      const stream = /"stream"\s*:\s*true/.test(body);
      const usage = stream && /"include_usage"\s*:\s*true/.test(body);
      const key = `${r.flavor}|${stream}|${usage}|${controls.chunks}`;
      return respond(res, reply(key, () => (stream ? buildOpenAIStream(r.flavor, controls.chunks, usage, ++serial) : buildOpenAIChat(r.flavor, controls.chunks, ++serial))), controls);
    }
    const key = `vertex|${r.model}|${r.stream}|${r.sse}|${controls.chunks}`;
    return respond(res, reply(key, () => (r.stream ? buildVertexStream(r.model, controls.chunks, r.sse, ++serial) : buildVertexChat(r.model, controls.chunks, ++serial))), controls);
  };

  const server: Server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (body += s));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake provider: no TCP address');
  return {
    port: address.port,
    counts: () => Object.fromEntries(counts),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Run as its own process (`--port N`, `--host H`, e.g. 0.0.0.0 in a container): print the port as one JSON line; exit
// on SIGTERM, or (with --exit-with-stdin) when the parent closes stdin.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const server = await startFakeProviderServer(Number(arg('--port') ?? 0), arg('--host') ?? '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port: server.port, pid: process.pid })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}
