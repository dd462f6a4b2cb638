import type { Dispatcher, fetch as undiciFetch } from 'undici';
import { loadPackage } from '../runtime/load-package.ts';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport.ts';

/** Settings of the undici transport. */
export interface UndiciTransportSettings {
  /** An undici (v8) dispatcher to send through: an `Agent`, a `ProxyAgent`, a `MockAgent`. @default a keep-alive `Agent`, or `EnvHttpProxyAgent` when `HTTPS_PROXY`/`HTTP_PROXY` is set */
  dispatcher?: Dispatcher | undefined;
  /** Connections per origin for the default pool. @default 128 */
  connections?: number | undefined;
  /** Environment to read proxy variables from when the transport is created. @default process.env */
  env?: Record<string, string | undefined> | undefined;
}

function hasProxyEnv(env: Record<string, string | undefined>): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/** undici's headers as they are when every value is a string (the usual case: no copy), else a copy with repeated headers joined. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const name in raw) {
    if (typeof raw[name] !== 'string') {
      const out: Record<string, string> = {};
      for (const key in raw) {
        const value = raw[key];
        if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      return out;
    }
  }
  return raw as Record<string, string>;
}

type Undici = typeof import('undici');
let undici: Undici | undefined;
// undici is loaded by the first request, not at import (it is a hundred modules).
const loadUndici = (): Undici => (undici ??= loadPackage<Undici>('undici'));

/**
 * The default transport: undici's `request` on a keep-alive pool per origin (the hot path).
 * Proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) are read when the transport is created, never at import;
 * undici itself and the pool are loaded and made by the first request.
 */
export function createUndiciTransport(settings: UndiciTransportSettings = {}): HttpTransport {
  const owned = settings.dispatcher === undefined;
  const env = settings.env ?? process.env;
  const poolOptions = { connections: settings.connections ?? 128, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 };
  const proxy = hasProxyEnv(env)
    ? { httpProxy: env.HTTP_PROXY ?? env.http_proxy, httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy, noProxy: env.NO_PROXY ?? env.no_proxy ?? '' }
    : undefined;
  let dispatcher: Dispatcher | undefined = settings.dispatcher;
  const makeDispatcher = (): Dispatcher => {
    const { Agent, EnvHttpProxyAgent } = loadUndici();
    dispatcher = proxy ? new EnvHttpProxyAgent({ ...poolOptions, ...proxy }) : new Agent(poolOptions);
    return dispatcher;
  };

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const res = await (undici ?? loadUndici()).request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: dispatcher ?? makeDispatcher(),
      });
      const body = res.body;
      return {
        status: res.statusCode,
        headers: flattenHeaders(res.headers),
        body,
        text: () => body.text(),
        dump: () => body.dump(),
      };
    },
    async close() {
      if (owned && dispatcher) await dispatcher.close();
    },
    // The dispatcher and the fetch must come from the same undici (v8's dispatcher fails inside Node's built-in fetch).
    fetch: ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
      loadUndici().fetch(input, { ...init, dispatcher: dispatcher ?? makeDispatcher() })) as unknown as typeof fetch,
  };
}
