import { generateKeyPairSync } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../adapters/vertex/vertex-token-cache.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { AuthenticationError, TimeoutError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { network } from '../setup/network.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const SERVICE_ACCOUNT = {
  type: 'service_account',
  project_id: 'acme-prod',
  private_key_id: '3f8a1c2b9d7e4f60a5b4c3d2e1f0a9b8c7d6e5f4',
  private_key: privateKey,
  client_email: 'switchyard-ci@acme-prod.iam.gserviceaccount.com',
  client_id: '104583920174638291045',
  token_uri: 'https://oauth2.googleapis.com/token',
};
const HOUR = 3_600_000;
const user = [{ role: 'user' as const, content: 'Hi' }];
const MODEL = 'gemini-2.0-flash-001';

/** Google's token endpoint, handing out `tokens` in order (the last repeats); returns the decoded JWT assertions it received. */
function tokenEndpoint(tokens: string[], answer?: () => Response) {
  const assertions: Array<Record<string, unknown>> = [];
  network.use(
    http.post('https://oauth2.googleapis.com/token', async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      assertions.push(JSON.parse(Buffer.from((form.get('assertion') ?? '').split('.')[1] ?? '', 'base64url').toString()));
      if (answer) return answer();
      const token = tokens[Math.min(assertions.length - 1, tokens.length - 1)];
      return HttpResponse.json({ access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }),
  );
  return assertions;
}

function adcVertex(now: () => number) {
  return createVertex({ project: 'acme-prod', location: 'us-central1', googleAuthOptions: { credentials: SERVICE_ACCOUNT }, now, env: {} });
}

describe('createVertex with Application Default Credentials', () => {
  it('should fetch a token with the cloud-platform scope once and reuse it until the refresh margin', async () => {
    const assertions = tokenEndpoint(['ya29.c.first-token-aaaaaaaa', 'ya29.c.second-token-bbbbbbbb']);
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    let clock = Date.now();
    const vertex = adcVertex(() => clock);
    await vertex.chat({ model: MODEL, messages: user });
    await vertex.chat({ model: MODEL, messages: user });
    clock += HOUR - 6 * 60_000; // 59 s before the 5-minute margin of a 3599 s token
    await vertex.chat({ model: MODEL, messages: user });
    clock += 2 * 60_000; // now inside the margin
    await vertex.chat({ model: MODEL, messages: user });
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.c.first-token-aaaaaaaa', 'Bearer ya29.c.first-token-aaaaaaaa', 'Bearer ya29.c.first-token-aaaaaaaa', 'Bearer ya29.c.second-token-bbbbbbbb']);
    expect(assertions).toHaveLength(2);
    expect(assertions[0]).toMatchObject({ iss: SERVICE_ACCOUNT.client_email, scope: 'https://www.googleapis.com/auth/cloud-platform', aud: 'https://oauth2.googleapis.com/token' });
  });

  it('should renew the token once on a 401 and send again', async () => {
    const assertions = tokenEndpoint(['ya29.c.revoked-token-cccccccc', 'ya29.c.fresh-token-dddddddd']);
    const mock = createVertexMock({ script: [{ type: 'error', status: 401 }, { type: 'text', text: 'after refresh' }] });
    network.use(...mock.handlers);
    const result = await adcVertex(Date.now).chat({ model: MODEL, messages: user });
    expect(result.text).toBe('after refresh');
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.c.revoked-token-cccccccc', 'Bearer ya29.c.fresh-token-dddddddd']);
    expect(assertions).toHaveLength(2);
  });

  it('should renew on a 401 for streams too', async () => {
    tokenEndpoint(['ya29.c.revoked-token-eeeeeeee', 'ya29.c.fresh-token-ffffffff']);
    const mock = createVertexMock({ script: [{ type: 'error', status: 401 }, { type: 'text', text: 'streamed after refresh', chunks: 3 }] });
    network.use(...mock.handlers);
    let text = '';
    for await (const part of adcVertex(Date.now).stream({ model: MODEL, messages: user })) if (part.type === 'text-delta') text += part.text;
    expect(text).toBe('streamed after refresh');
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.c.revoked-token-eeeeeeee', 'Bearer ya29.c.fresh-token-ffffffff']);
  });

  it('should give up with AuthenticationError after the second 401', async () => {
    tokenEndpoint(['ya29.c.token-1', 'ya29.c.token-2', 'ya29.c.token-3']);
    const mock = createVertexMock({ script: { type: 'error', status: 401 } });
    network.use(...mock.handlers);
    const error = await adcVertex(Date.now).chat({ model: MODEL, messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, providerCode: 'UNAUTHENTICATED', retryable: false });
    expect(mock.requests).toHaveLength(2);
  });

  it('should not renew on a 403 PERMISSION_DENIED', async () => {
    const assertions = tokenEndpoint(['ya29.c.token-without-iam-role']);
    const mock = createVertexMock({ script: { type: 'error', status: 403 } });
    network.use(...mock.handlers);
    const error = await adcVertex(Date.now).chat({ model: MODEL, messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, providerCode: 'PERMISSION_DENIED' });
    expect((error as Error).message).toMatch(/aiplatform\.endpoints\.predict/);
    expect(mock.requests).toHaveLength(1);
    expect(assertions).toHaveLength(1);
  });

  it('should share one token fetch between concurrent calls', async () => {
    const assertions = tokenEndpoint(['ya29.c.shared-token-gggggggg']);
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const vertex = adcVertex(Date.now);
    await Promise.all([1, 2, 3].map(() => vertex.chat({ model: MODEL, messages: user })));
    expect(assertions).toHaveLength(1);
    expect(new Set(mock.requests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer ya29.c.shared-token-gggggggg']));
  });

  it('should explain a refused service account without sending anything or leaking the key', async () => {
    tokenEndpoint([], () => HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, { status: 400 }));
    const mock = createVertexMock({ script: { type: 'text', text: 'never' } });
    network.use(...mock.handlers);
    const error = await adcVertex(Date.now).chat({ model: MODEL, messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/Application Default Credentials/);
    expect((error as Error).message).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('PRIVATE KEY');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('createVertex with an accessToken', () => {
  it('should ask a token function before each request and again after a 401', async () => {
    const mock = createVertexMock({ script: [{ type: 'text', text: 'one' }, { type: 'error', status: 401 }, { type: 'text', text: 'two' }] });
    network.use(...mock.handlers);
    let calls = 0;
    const vertex = createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: async () => `ya29.fn-token-${++calls}`, env: {} });
    await vertex.chat({ model: MODEL, messages: user });
    const second = await vertex.chat({ model: MODEL, messages: user });
    expect(second.text).toBe('two');
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.fn-token-1', 'Bearer ya29.fn-token-2', 'Bearer ya29.fn-token-3']);
  });

  it('should not retry a fixed token after a 401', async () => {
    const mock = createVertexMock({ script: { type: 'error', status: 401 } });
    network.use(...mock.handlers);
    const error = await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: 'ya29.fixed-token-hhhhhhhh', env: {} }).chat({ model: MODEL, messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(mock.requests).toHaveLength(1);
  });

  it('should stop waiting for a token when timeoutMs passes', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'never' } });
    network.use(...mock.handlers);
    const vertex = createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: () => new Promise<string>(() => undefined), env: {} });
    const error = await vertex.chat({ model: MODEL, messages: user, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('createTokenCache', () => {
  it('should renew by the injected clock, after a refused token, and after a failed fetch', async () => {
    let clock = 1_000_000;
    let n = 0;
    let fail = false;
    const cache = createTokenCache(
      async () => {
        if (fail) throw new Error('token service down');
        n++;
        return { token: `t${n}`, expiresAt: clock + 60_000 };
      },
      () => clock,
      10_000,
    );
    expect(await cache.get()).toBe('t1');
    clock += 49_999;
    expect(await cache.get()).toBe('t1');
    clock += 1;
    expect(await cache.get()).toBe('t2');
    expect(await cache.get({ rejected: 't2' })).toBe('t3');
    // A 401 for a token the cache already replaced does not fetch again.
    expect(await cache.get({ rejected: 't2' })).toBe('t3');
    fail = true;
    await expect(cache.get({ rejected: 't3' })).rejects.toThrow('token service down');
    fail = false;
    expect(await cache.get({ rejected: 't3' })).toBe('t4');
    expect(cache.current()).toBe('t4');
  });

  it('should keep a token without a known expiry until it is refused', async () => {
    let n = 0;
    const cache = createTokenCache(async () => ({ token: `t${++n}` }), () => 0, 10_000);
    expect(await cache.get()).toBe('t1');
    expect(await cache.get()).toBe('t1');
    expect(await cache.get({ rejected: 't1' })).toBe('t2');
  });
});
