import type { IncomingMessage } from 'node:http';
import { GatewayRequestError } from './gateway-request-error.ts';

function tooLarge(limit: number): GatewayRequestError {
  return new GatewayRequestError(413, `The request body is larger than the gateway's limit of ${limit} bytes (gateway.maxBodyBytes).`, { code: 'request_too_large', headers: { connection: 'close' } });
}

/**
 * Reads a request body of at most `limit` bytes and parses it as JSON. A body announced or found larger is a 413
 * (reading stops there), invalid JSON a 400 that says where it broke. The content type is not checked: clients that
 * send JSON as `application/x-www-form-urlencoded` (`curl -d`) work too.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const body = chunks ? Buffer.concat(chunks, size) : first;
      if (body === undefined || size === 0) {
        reject(new GatewayRequestError(400, 'The request has no body: send a JSON object.', { code: 'invalid_json' }));
        return;
      }
      try {
        resolve(JSON.parse(body.toString('utf8')));
      } catch (error) {
        reject(new GatewayRequestError(400, `The request body is not valid JSON (${(error as Error).message}).`, { code: 'invalid_json' }));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
