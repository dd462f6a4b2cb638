import type { RequestHandler } from 'msw';
import { serveHandlers, type LoopbackServer } from '../../../demo/serve-handlers.ts';

/** A real loopback server answering with the test kit's msw handlers, so that the gateway's upstream is a real socket. */
export interface MockUpstream extends Omit<LoopbackServer, 'use'> {
  /** Sets the handlers that answer. */
  use(...handlers: RequestHandler[]): void;
}

/** Starts the mock upstream on 127.0.0.1 with a free port (the demo's loopback server). */
export async function serveMock(): Promise<MockUpstream> {
  const server = await serveHandlers();
  return {
    origin: server.origin,
    use: (...handlers) => server.use(handlers),
    get aborted() {
      return server.aborted;
    },
    nextAbort: () => server.nextAbort(),
    close: () => server.close(),
  };
}
