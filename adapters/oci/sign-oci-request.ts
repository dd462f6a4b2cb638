import { createHash, sign, type KeyObject } from 'node:crypto';

/** What signs requests for one OCI API key. */
export interface OCIRequestSigner {
  /** `{tenancy OCID}/{user OCID}/{fingerprint}`. */
  keyId: string;
  /** The RSA private key. */
  privateKey: KeyObject;
  /** The clock for the `date` header, in ms since the epoch. */
  now: () => number;
}

/** A request as the signer sees it: the body as the exact text (sent UTF-8 encoded) or bytes. */
export interface OCISignableRequest {
  /** The HTTP method. */
  method: string;
  /** The absolute URL, query included. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body: text (signed as its UTF-8 bytes) or the bytes themselves. */
  body?: string | Uint8Array;
}

const GENERIC_HEADERS = ['date', '(request-target)', 'host'];
const BODY_HEADERS = ['content-length', 'content-type', 'x-content-sha256'];
const BODY_METHODS = new Set(['post', 'put', 'patch']);
const EMPTY = new Uint8Array(0);

/**
 * Signs a request the way OCI's SDKs do (draft-cavage HTTP Signatures, version 1, rsa-sha256): it sets `date`
 * and `host`, and for POST, PUT and PATCH `content-length`, `content-type` (default `application/json`) and
 * `x-content-sha256` (base64 SHA-256) computed over the body's UTF-8 bytes, then signs
 * `date (request-target) host [content-length content-type x-content-sha256]` and adds `authorization`.
 * Returns the headers to send (a new object; lower-case names).
 * @see https://docs.oracle.com/iaas/Content/API/Concepts/signingrequests.htm
 */
export function signOCIRequest(request: OCISignableRequest, signer: OCIRequestSigner): Record<string, string> {
  const url = new URL(request.url);
  const method = request.method.toLowerCase();
  const headers: Record<string, string> = {};
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name] as string;
  headers.date = new Date(signer.now()).toUTCString();
  headers.host = url.host;
  const names = [...GENERIC_HEADERS];
  if (BODY_METHODS.has(method)) {
    const body = request.body ?? EMPTY;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    headers['content-length'] = String(bytes.byteLength);
    headers['content-type'] ??= 'application/json';
    headers['x-content-sha256'] = createHash('sha256').update(bytes).digest('base64');
    names.push(...BODY_HEADERS);
  }
  const lines = names.map((name) => (name === '(request-target)' ? `(request-target): ${method} ${url.pathname}${url.search}` : `${name}: ${headers[name]}`));
  const signature = sign('sha256', Buffer.from(lines.join('\n'), 'utf8'), signer.privateKey).toString('base64');
  headers.authorization = `Signature version="1",keyId="${signer.keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return headers;
}
