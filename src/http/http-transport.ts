/** One HTTP request, as adapters describe it. */
export interface HttpRequest {
  /** The HTTP method. */
  method: 'GET' | 'POST';
  /** The absolute URL. */
  url: string;
  /** Request headers, lower-case names. These may hold credentials: they are never copied into errors. */
  headers: Record<string, string>;
  /** The request body, already serialised. */
  body?: string | undefined;
  /** Aborts the request and its body. */
  signal?: AbortSignal | undefined;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  /** The HTTP status. */
  status: number;
  /** Response headers, lower-case names, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body as raw byte chunks, for streaming. Read it once, or call `text()`, `json()` or `dump()`. */
  body: AsyncIterable<Uint8Array>;
  /** The whole body as text. */
  text(): Promise<string>;
  /** Discards the body so the connection can be reused. */
  dump(): Promise<void>;
}

/**
 * Sends HTTP requests. The default is undici's keep-alive pool (`createUndiciTransport`);
 * `createFetchTransport` runs on any WHATWG `fetch` (msw's `setupServer`, edge runtimes, custom instrumentation).
 */
export interface HttpTransport {
  /** Sends one request. Rejects on network failure or abort; any HTTP status resolves. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Closes idle connections. */
  close(): Promise<void>;
  /** A WHATWG `fetch` that sends through this transport (its pool, proxy and interceptors), for official clients handed out as escape hatches. */
  readonly fetch: typeof fetch;
}
