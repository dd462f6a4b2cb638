import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport.ts';

async function* readBody(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * A transport on a WHATWG `fetch`: the global one (looked up on every call, so msw's `setupServer`
 * and other instrumentation see it) or one you pass.
 */
export function createFetchTransport(fetchImpl?: typeof fetch): HttpTransport {
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const doFetch = fetchImpl ?? globalThis.fetch;
      const res = await doFetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal, redirect: 'manual' });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return {
        status: res.status,
        headers,
        body: readBody(res.body),
        text: () => res.text(),
        dump: async () => {
          await res.body?.cancel().catch(() => undefined);
        },
      };
    },
    async close() {},
    fetch: (input, init) => (fetchImpl ?? globalThis.fetch)(input, init),
  };
}
