import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { createOCI, signOCIRequest } from '../../adapters/oci/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { openAIChatChunks, openAIChatCompletion } from '../../src/testing/openai-wire.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { captureRaw, checkOCISignature, createTestKeyPair, type RawRequest } from './oci-helpers.ts';

const BASE = 'https://inference.generativeai.sa-saopaulo-1.oci.oraclecloud.com/openai/v1';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaaq3v2y5pgrsnwfdxkzbhtjmuo6cie7la4r2x';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaa6ux3dgtvqpjnzrkc52lmyfoh4ebwi7sa3qt';
const USER = 'ocid1.user.oc1..aaaaaaaa7dvlk2xgq4hmrwj6zp3tbsnc5eufoyia2q';
const MODEL = 'openai.gpt-oss-120b';
const keys = createTestKeyPair();
const KEY_ID = `${TENANCY}/${USER}/${keys.fingerprint}`;
const T0 = Date.UTC(2026, 6, 14, 8, 5, 9);
const dir = mkdtempSync(join(tmpdir(), 'oci-signing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signing = (extra: Record<string, unknown> = {}) => ({ region: 'sa-saopaulo-1', compartmentId: COMPARTMENT, tenancy: TENANCY, user: USER, fingerprint: keys.fingerprint, privateKey: keys.privateKeyPem, now: () => T0, ...extra });

/** Answers chat and embeddings like the OCI endpoint, keeping every request with its raw bytes. */
function serve(): RawRequest[] {
  const seen: RawRequest[] = [];
  const headers = { 'opc-request-id': 'B2C3D4E5F6A7/8C9D0E1F2A3B/4C5D6E7F8A9B' };
  network.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      const raw = await captureRaw(request);
      seen.push(raw);
      const body = JSON.parse(Buffer.from(raw.body).toString('utf8'));
      if (!body.stream) return HttpResponse.json(openAIChatCompletion({ type: 'text', text: 'Olá! Tudo bem.' }, MODEL), { headers });
      const events = openAIChatChunks({ type: 'text', text: 'Olá! Tudo bem.', chunks: 3 }, MODEL, true).map((c) => `data: ${JSON.stringify(c)}\n\n`);
      return new HttpResponse(events.join('') + 'data: [DONE]\n\n', { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }),
    http.post(`${BASE}/embeddings`, async ({ request }) => {
      seen.push(await captureRaw(request));
      return HttpResponse.json({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.011, -0.027, 0.094] }], model: 'cohere.embed-v4.0', usage: { prompt_tokens: 5, total_tokens: 5 } }, { headers });
    }),
  );
  return seen;
}

const NON_ASCII = 'Grüße aus Zürich — 東京で会いましょう 🚀 ¿Qué tal? Ωμέγα';

describe('OCI request signing', () => {
  it('should sign a body with non-ASCII text over its UTF-8 bytes', async () => {
    const seen = serve();
    const result = await createOCI(signing()).chat({ model: MODEL, messages: [{ role: 'user', content: NON_ASCII }], maxTokens: 64 });
    expect(result.text).toBe('Olá! Tudo bem.');
    const sent = seen[0] as RawRequest;
    expect(Buffer.from(sent.body).toString('utf8')).toContain(NON_ASCII);
    // More bytes than UTF-16 code units: a length or digest taken over the string would be wrong.
    expect(sent.body.byteLength).toBeGreaterThan(JSON.stringify(JSON.parse(Buffer.from(sent.body).toString('utf8'))).length);
    expect(sent.headers).toMatchObject({ date: 'Tue, 14 Jul 2026 08:05:09 GMT', host: 'inference.generativeai.sa-saopaulo-1.oci.oraclecloud.com', 'content-type': 'application/json', 'opc-compartment-id': COMPARTMENT });
    expect(checkOCISignature(sent, keys.publicKey, KEY_ID)).toBe(true);
  });

  it('should fail verification for a tampered body or another key (the check can fail)', async () => {
    const seen = serve();
    await createOCI(signing()).chat({ model: MODEL, messages: [{ role: 'user', content: 'Olá' }] });
    const sent = seen[0] as RawRequest;
    const other = createTestKeyPair();
    expect(checkOCISignature(sent, other.publicKey, KEY_ID)).toBe(false);
    const tampered = { ...sent, headers: { ...sent.headers, date: 'Tue, 14 Jul 2026 08:05:10 GMT' } };
    expect(checkOCISignature(tampered, keys.publicKey, KEY_ID)).toBe(false);
    expect(() => checkOCISignature({ ...sent, body: Buffer.from('{"model":"x"}') }, keys.publicKey, KEY_ID)).toThrow();
  });

  it('should sign streaming and embedding requests, each with a fresh date', async () => {
    const seen = serve();
    let now = T0;
    const oci = createOCI(signing({ now: () => now }));
    const parts: StreamPart[] = [];
    for await (const part of oci.stream({ model: MODEL, messages: [{ role: 'user', content: 'Olá' }] })) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', requestId: expect.any(String) });
    now += 61_000;
    const embedded = await oci.embed({ model: 'cohere.embed-v4.0', input: ['Zürich'] });
    expect(embedded.embeddings).toEqual([[0.011, -0.027, 0.094]]);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/openai/v1/chat/completions', '/openai/v1/embeddings']);
    expect(seen[0]?.headers.accept).toBe('text/event-stream');
    expect(seen.map((r) => r.headers.date)).toEqual(['Tue, 14 Jul 2026 08:05:09 GMT', 'Tue, 14 Jul 2026 08:06:10 GMT']);
    for (const request of seen) expect(checkOCISignature(request, keys.publicKey, KEY_ID)).toBe(true);
  });

  it('should sign a GET without body headers and keep the query in (request-target)', () => {
    const headers = signOCIRequest({ method: 'GET', url: `${BASE}/models?limit=5`, headers: { Accept: 'application/json' } }, { keyId: KEY_ID, privateKey: createPrivateKey(keys.privateKeyPem), now: () => T0 });
    expect(headers['content-length']).toBeUndefined();
    expect(headers.accept).toBe('application/json');
    const raw: RawRequest = { method: 'GET', url: `${BASE}/models?limit=5`, headers, body: new Uint8Array(0) };
    expect(checkOCISignature(raw, keys.publicKey, KEY_ID)).toBe(true);
    expect(checkOCISignature({ ...raw, url: `${BASE}/models?limit=6` }, keys.publicKey, KEY_ID)).toBe(false);
  });

  it('should read the key from a file (with ~) and decrypt it with the passphrase', async () => {
    const encrypted = createTestKeyPair({ type: 'pkcs1', passphrase: 'correct horse battery staple' });
    mkdirSync(join(dir, '.oci'), { recursive: true });
    writeFileSync(join(dir, '.oci', 'enc_api_key.pem'), encrypted.privateKeyPem);
    const seen = serve();
    await createOCI(signing({ fingerprint: encrypted.fingerprint, privateKey: '~/.oci/enc_api_key.pem', passphrase: 'correct horse battery staple', homeDir: dir })).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(checkOCISignature(seen[0] as RawRequest, encrypted.publicKey, `${TENANCY}/${USER}/${encrypted.fingerprint}`)).toBe(true);
  });
});

/** Every line of base64 in a PEM: none may appear in an error. */
const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function expectNoKeyMaterial(error: ConfigError, pem: string, passphrase?: string) {
  const printed = `${error.message}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}`;
  for (const line of keyLines(pem)) expect(printed).not.toContain(line);
  if (passphrase) expect(printed).not.toContain(passphrase);
}

describe('OCI private key errors', () => {
  it('should name a missing key file and say how to fix it', () => {
    const path = join(dir, 'no-such-key.pem');
    const error = configErrorOf(() => createOCI(signing({ privateKey: path })));
    expect(error.issues[0]).toMatchObject({ path: 'privateKey', message: expect.stringContaining(path) });
    expect(error.message).toMatch(/does not exist: point it at your OCI API signing key/);
  });

  it('should report an unreadable key file clearly', () => {
    const path = join(dir, 'a-directory.pem');
    mkdirSync(path, { recursive: true });
    const error = configErrorOf(() => createOCI(signing({ privateKey: path })));
    expect(error.issues[0]?.message).toMatch(new RegExp(`cannot read the key file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*EISDIR.*readable PEM file`));
  });

  it.skipIf(process.getuid?.() === 0)('should report a key file without read permission', () => {
    const path = join(dir, 'locked.pem');
    writeFileSync(path, keys.privateKeyPem);
    chmodSync(path, 0o000);
    const error = configErrorOf(() => createOCI(signing({ privateKey: path })));
    expect(error.issues[0]?.message).toContain('EACCES');
    expectNoKeyMaterial(error, keys.privateKeyPem);
  });

  it('should reject a bad PEM, a public key and a non-RSA key without printing them', () => {
    const garbled = keys.privateKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const bad = configErrorOf(() => createOCI(signing({ privateKey: garbled })));
    expect(bad.message).toContain('is not a valid PEM private key');
    expectNoKeyMaterial(bad, garbled);

    const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const pub = configErrorOf(() => createOCI(signing({ privateKey: publicPem })));
    expect(pub.message).toContain('is a public key');
    expectNoKeyMaterial(pub, publicPem);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const notRsa = configErrorOf(() => createOCI(signing({ privateKey: ec })));
    expect(notRsa.message).toContain('is a ec key: OCI API signing keys are RSA');
    expectNoKeyMaterial(notRsa, ec);
  });

  it('should report a missing and a wrong passphrase without printing key or passphrase', () => {
    const encrypted = createTestKeyPair({ type: 'pkcs8', passphrase: 'Tr0ub4dor&3' });
    const path = join(dir, 'encrypted.pem');
    writeFileSync(path, encrypted.privateKeyPem);
    const missing = configErrorOf(() => createOCI(signing({ fingerprint: encrypted.fingerprint, privateKey: path })));
    expect(missing.issues[0]).toMatchObject({ path: 'privateKey', message: expect.stringMatching(/encrypted: set its passphrase/) });
    expect(missing.message).toContain(path);
    const wrong = configErrorOf(() => createOCI(signing({ fingerprint: encrypted.fingerprint, privateKey: path, passphrase: 'hunter2-wrong' })));
    expect(wrong.message).toContain('the passphrase is wrong');
    expectNoKeyMaterial(wrong, encrypted.privateKeyPem, 'hunter2-wrong');
  });

  it('should catch a fingerprint that belongs to another key', () => {
    const other = createTestKeyPair();
    const error = configErrorOf(() => createOCI(signing({ fingerprint: other.fingerprint })));
    expect(error.issues[0]).toMatchObject({ path: 'fingerprint', message: expect.stringContaining(`its fingerprint is ${keys.fingerprint}`) });
  });

  it('should accept PEM text with literal \\n sequences, as env vars often carry it', async () => {
    const seen = serve();
    await createOCI(signing({ privateKey: keys.privateKeyPem.trim().replace(/\n/g, '\\n') })).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(checkOCISignature(seen[0] as RawRequest, keys.publicKey, KEY_ID)).toBe(true);
  });
});
