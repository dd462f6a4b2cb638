import type { IncomingMessage } from 'node:http';
import type { GatewayCorsConfig } from './gateway-config-schema.ts';

const EXPOSED = 'x-request-id, x-switchyard-provider, x-switchyard-attempts, x-switchyard-cost-usd, x-switchyard-error-code, retry-after, retry-after-ms';

/** CORS as the gateway applies it: the headers of an answer, and the answer to a preflight. */
export interface Cors {
  /** The headers for an answer to `req`, or undefined when its origin is not allowed (or it sent none). */
  headers(req: IncomingMessage): string[] | undefined;
  /** The headers of the 204 answer to a preflight (`OPTIONS`), or undefined when the origin is not allowed. */
  preflight(req: IncomingMessage): string[] | undefined;
}

/** Builds CORS from `gateway.cors` (`true`: any origin; `{ origins }`: those), or undefined when it is off. */
export function createCors(config: GatewayCorsConfig | undefined): Cors | undefined {
  if (config === undefined || config === false) return undefined;
  const origins = config === true ? ['*'] : config.origins;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  const maxAge = String(config === true ? 600 : (config.maxAgeS ?? 600));
  const allowOrigin = (req: IncomingMessage): string | undefined => {
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    return any ? '*' : allowed.has(origin) ? origin : undefined;
  };
  return {
    headers(req) {
      const origin = allowOrigin(req);
      if (origin === undefined) return undefined;
      return any ? ['access-control-allow-origin', origin, 'access-control-expose-headers', EXPOSED] : ['access-control-allow-origin', origin, 'vary', 'origin', 'access-control-expose-headers', EXPOSED];
    },
    preflight(req) {
      const origin = allowOrigin(req);
      if (origin === undefined) return undefined;
      const requested = req.headers['access-control-request-headers'];
      return [
        'access-control-allow-origin', origin,
        ...(any ? [] : ['vary', 'origin']),
        'access-control-allow-methods', 'GET, POST, OPTIONS',
        'access-control-allow-headers', typeof requested === 'string' && requested !== '' ? requested : 'authorization, content-type',
        'access-control-max-age', maxAge,
      ];
    },
  };
}
