import { createHash, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { expect } from 'vitest';

/** A request as the OCI endpoint received it, with the body's raw bytes. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Reads what a mock server received, bytes included. */
export async function captureRaw(request: Request): Promise<RawRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { method: request.method, url: request.url, headers, body: new Uint8Array(await request.clone().arrayBuffer()) };
}

/** A test API signing key pair and the fingerprint OCI would show for it. */
export function createTestKeyPair(encoding: { type: 'pkcs8' | 'pkcs1'; passphrase?: string } = { type: 'pkcs8' }) {
  const privateKeyEncoding = encoding.passphrase
    ? { type: encoding.type, format: 'pem' as const, cipher: 'aes-256-cbc', passphrase: encoding.passphrase }
    : { type: encoding.type, format: 'pem' as const };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const der = createPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  const fingerprint = (createHash('md5').update(der).digest('hex').match(/../g) as string[]).join(':');
  return { privateKeyPem: privateKey, publicKey: createPublicKey(publicKey), fingerprint };
}

/** The parameters of an `Authorization: Signature …` header. */
export function parseSignatureHeader(value: string | undefined): Record<string, string> {
  expect(value).toMatch(/^Signature /);
  const params: Record<string, string> = {};
  for (const m of (value as string).slice('Signature '.length).matchAll(/(\w+)="([^"]*)"/g)) params[m[1] as string] = m[2] as string;
  return params;
}

/**
 * Checks an OCI request signature as the service would: rebuilds the signing string from the received
 * headers, URL and method, checks the body digest and length against the received bytes, and verifies
 * the RSA-SHA256 signature with the public key. Returns whether the signature verified.
 */
export function checkOCISignature(request: RawRequest, publicKey: KeyObject, keyId: string): boolean {
  const params = parseSignatureHeader(request.headers.authorization);
  expect(params).toMatchObject({ version: '1', keyId, algorithm: 'rsa-sha256' });
  const names = (params.headers as string).split(' ');
  const withBody = ['POST', 'PUT', 'PATCH'].includes(request.method);
  expect(names).toEqual(withBody ? ['date', '(request-target)', 'host', 'content-length', 'content-type', 'x-content-sha256'] : ['date', '(request-target)', 'host']);
  const url = new URL(request.url);
  expect(request.headers.host).toBe(url.host);
  expect(new Date(request.headers.date as string).toUTCString()).toBe(request.headers.date);
  if (withBody) {
    expect(request.headers['content-length']).toBe(String(request.body.byteLength));
    expect(request.headers['x-content-sha256']).toBe(createHash('sha256').update(request.body).digest('base64'));
  }
  const signingString = names
    .map((name) => {
      if (name === '(request-target)') return `(request-target): ${request.method.toLowerCase()} ${url.pathname}${url.search}`;
      expect(request.headers[name], `signed header ${name} was not sent`).toBeDefined();
      return `${name}: ${request.headers[name]}`;
    })
    .join('\n');
  return verify('sha256', Buffer.from(signingString, 'utf8'), publicKey, Buffer.from(params.signature as string, 'base64'));
}
