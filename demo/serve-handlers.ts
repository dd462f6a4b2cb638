import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';

/**
 * A loopback HTTP server answering with msw handlers (the test kit's provider mocks): the demo's providers, and the
 * gateway tests' real-socket upstream.
 */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Sets the handlers that answer (they may need `origin` to be built). */
  use(handlers: readonly RequestHandler[]): void;
  /** Requests whose client closed the connection before the answer ended (an aborted upstream attempt). */
  readonly aborted: number;
  /** Resolves at the next such abort. */
  nextAbort(): Promise<void>;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body, signal });
}

async function send(res: ServerResponse, response: Response | undefined): Promise<void> {
  if (!response) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route on the demo provider"}}');
    return;
  }
  if (response.type === 'error') {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  // A scripted cut errors the body: the connection ends without the chunked terminator, as a dropped stream does.
  body.on('error', () => res.destroy());
  body.pipe(res);
}

/** Starts a server on 127.0.0.1 with a free port. */
export function serveHandlers(): Promise<LoopbackServer> {
  let handlers: readonly RequestHandler[] = [];
  let aborted = 0;
  let waiters: Array<() => void> = [];
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      // The handler sees the client's abort (its request's signal), as a provider's server would.
      const controller = new AbortController();
      res.on('close', () => {
        if (res.writableFinished) return;
        aborted++;
        controller.abort();
        const woken = waiters;
        waiters = [];
        for (const done of woken) done();
      });
      const origin = `http://${req.headers.host}`;
      toRequest(req, origin, controller.signal)
        .then((request) => getResponse(handlers as RequestHandler[], request))
        .then((response) => send(res, response))
        .catch(() => res.destroy());
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        use: (next) => {
          handlers = next;
        },
        get aborted() {
          return aborted;
        },
        nextAbort: () => new Promise((done) => waiters.push(done)),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
