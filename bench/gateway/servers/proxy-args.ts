import { parseArgs } from 'node:util';

/** `--port P --upstream http://127.0.0.1:F`: where a bare proxy listens and where it forwards. */
export function proxyArgs(): { port: number; upstream: string } {
  const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
  if (!values.port || !values.upstream) throw new Error('usage: --port P --upstream http://127.0.0.1:F');
  return { port: Number(values.port), upstream: values.upstream };
}

/** Request headers a proxy passes on (the rest are hop-by-hop or the client's own). */
export const FORWARDED_REQUEST = ['authorization', 'content-type', 'accept'] as const;

/** Response headers a proxy does not pass on: hop-by-hop, or recomputed by the server that answers. */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);
