import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI, type AzureTokenCredential } from '../../adapters/azure-openai/index.ts';
import { AbortError, AuthenticationError, ConfigError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { network } from '../setup/network.ts';

const ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const CHAT_URL = `${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions`;
const hi = [{ role: 'user' as const, content: 'Hi' }];
const T0 = Date.parse('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;

/** A fake TokenCredential: each call hands out the next token, valid for `lifetimeMs` from the injected clock. */
function fakeCredential(clock: { now: number }, lifetimeMs = HOUR) {
  const calls: Array<string | string[]> = [];
  const credential: AzureTokenCredential = {
    async getToken(scopes) {
      calls.push(scopes);
      return { token: `entra-access-token-${calls.length}`, expiresOnTimestamp: clock.now + lifetimeMs };
    },
  };
  return { credential, calls };
}

/** An unsigned JWT with the given `exp` (seconds). */
const jwt = (exp: number) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ aud: 'https://cognitiveservices.azure.com', exp })).toString('base64url')}.`;

function okMock() {
  const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
  network.use(...mock.handlers);
  return mock;
}

describe('createAzureOpenAI Entra ID tokens', () => {
  it('should ask for the v1 scope by default, the Cognitive Services scope on a dated api-version, and accept either', async () => {
    okMock();
    const clock = { now: T0 };
    const v1 = fakeCredential(clock);
    await createAzureOpenAI({ endpoint: ENDPOINT, credential: v1.credential, now: () => clock.now }).chat({ model: 'prod-gpt4o', messages: hi });
    const classic = fakeCredential(clock);
    await createAzureOpenAI({ endpoint: ENDPOINT, apiVersion: '2024-10-21', credential: classic.credential, now: () => clock.now }).chat({ model: 'prod-gpt4o', messages: hi });
    const chosen = fakeCredential(clock);
    await createAzureOpenAI({ endpoint: ENDPOINT, tokenScope: 'https://cognitiveservices.azure.com/.default', credential: chosen.credential, now: () => clock.now }).chat({ model: 'prod-gpt4o', messages: hi });
    expect([v1.calls, classic.calls, chosen.calls]).toEqual([['https://ai.azure.com/.default'], ['https://cognitiveservices.azure.com/.default'], ['https://cognitiveservices.azure.com/.default']]);
  });

  it('should ask for the Cognitive Services scope and cache the token until 2 minutes before expiry', async () => {
    const mock = okMock();
    const clock = { now: T0 };
    const { credential, calls } = fakeCredential(clock);
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiVersion: '2024-10-21', credential, now: () => clock.now });
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    clock.now = T0 + HOUR - 121_000;
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    clock.now = T0 + HOUR - 119_000;
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    expect(calls).toEqual(['https://cognitiveservices.azure.com/.default', 'https://cognitiveservices.azure.com/.default']);
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer entra-access-token-1', 'Bearer entra-access-token-1', 'Bearer entra-access-token-2']);
  });

  it('should honour refreshAfterTimestamp and a custom scope', async () => {
    okMock();
    let now = T0;
    const scopes: Array<string | string[]> = [];
    const credential: AzureTokenCredential = {
      getToken: async (scope) => {
        scopes.push(scope);
        return { token: `t${scopes.length}`, expiresOnTimestamp: now + 24 * HOUR, refreshAfterTimestamp: now + HOUR };
      },
    };
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, credential, tokenScope: 'https://cognitiveservices.azure.us/.default', now: () => now });
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    now = T0 + HOUR + 1;
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    expect(scopes).toEqual(['https://cognitiveservices.azure.us/.default', 'https://cognitiveservices.azure.us/.default']);
  });

  it('should share one token fetch between concurrent calls', async () => {
    const mock = okMock();
    const clock = { now: T0 };
    const { credential, calls } = fakeCredential(clock);
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, credential, now: () => clock.now });
    await Promise.all([1, 2, 3, 4].map(() => azure.chat({ model: 'prod-gpt4o', messages: hi })));
    expect(calls).toHaveLength(1);
    expect(new Set(mock.requests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer entra-access-token-1']));
  });

  it('should renew the token once after a 401 and send again', async () => {
    const seen: string[] = [];
    network.use(
      http.post(CHAT_URL, ({ request }) => {
        const auth = request.headers.get('authorization') ?? '';
        seen.push(auth);
        if (auth === 'Bearer entra-access-token-1') {
          return HttpResponse.json({ error: { code: '401', message: 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.' } }, { status: 401 });
        }
        return HttpResponse.json({ id: 'chatcmpl-Az9', object: 'chat.completion', created: 1764000000, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, message: { role: 'assistant', content: 'renewed' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
      }),
    );
    const clock = { now: T0 };
    const { credential, calls } = fakeCredential(clock);
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiVersion: '2024-10-21', credential, now: () => clock.now });
    expect((await azure.chat({ model: 'prod-gpt4o', messages: hi })).text).toBe('renewed');
    expect(seen).toEqual(['Bearer entra-access-token-1', 'Bearer entra-access-token-2']);
    expect(calls).toHaveLength(2);
    await azure.chat({ model: 'prod-gpt4o', messages: hi });
    expect(seen.at(-1)).toBe('Bearer entra-access-token-2');
  });

  it('should renew only once: a second 401 is an AuthenticationError without the token in it', async () => {
    let count = 0;
    network.use(
      http.post(CHAT_URL, ({ request }) => {
        count++;
        return HttpResponse.json({ error: { code: '401', message: `Token ${request.headers.get('authorization')?.slice(7)} has expired.` } }, { status: 401 });
      }),
    );
    const clock = { now: T0 };
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiVersion: '2024-10-21', credential: fakeCredential(clock).credential, now: () => clock.now });
    const error = await azure.chat({ model: 'prod-gpt4o', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(count).toBe(2);
    const printed = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(printed).not.toContain('entra-access-token-2');
    expect(printed).toContain('[REDACTED]');
  });

  it('should not retry a 401 with an api key', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'error', status: 401 } });
    network.use(...mock.handlers);
    const error = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'bad-key-0000000000' }).chat({ model: 'prod-gpt4o', messages: hi }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'authentication', status: 401, providerCode: '401' });
    expect(mock.requests).toHaveLength(1);
  });

  it.each([
    ['a string without expiry (asked on every request)', (n: number) => `opaque-token-${n}`, 3],
    ['a JWT with exp (cached)', () => jwt(Math.floor((T0 + HOUR) / 1000)), 1],
    ['an AccessToken object (cached)', (n: number) => ({ token: `object-token-${n}`, expiresOnTimestamp: T0 + HOUR }), 1],
  ])('should accept a token provider returning %s', async (_name, make, expectedCalls) => {
    const mock = okMock();
    let calls = 0;
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, tokenProvider: async () => make(++calls), now: () => T0 });
    for (let i = 0; i < 3; i++) await azure.chat({ model: 'prod-gpt4o', messages: hi });
    expect(calls).toBe(expectedCalls);
    expect(mock.requests[0]?.headers.authorization).toMatch(/^Bearer \S+/);
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
  });

  it('should fail with AuthenticationError, sending nothing, when no token can be had', async () => {
    const mock = okMock();
    const credential: AzureTokenCredential = { getToken: async () => Promise.reject(new Error('ManagedIdentityCredential: no managed identity endpoint found')) };
    const error = await createAzureOpenAI({ endpoint: ENDPOINT, credential }).chat({ model: 'prod-gpt4o', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ providerCode: 'token_unavailable', retryable: false });
    expect((error as Error).message).toMatch(/Microsoft Entra ID token .*no managed identity endpoint found/);
    expect(mock.requests).toHaveLength(0);
  });

  it('should treat a null token as a failure', async () => {
    const credential: AzureTokenCredential = { getToken: async () => null };
    const error = await createAzureOpenAI({ endpoint: ENDPOINT, credential }).chat({ model: 'prod-gpt4o', messages: hi }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'authentication', providerCode: 'token_unavailable' });
  });

  it('should stop waiting for a slow token when the caller aborts', async () => {
    const mock = okMock();
    const credential: AzureTokenCredential = { getToken: () => new Promise(() => undefined) };
    const controller = new AbortController();
    const call = createAzureOpenAI({ endpoint: ENDPOINT, credential }).chat({ model: 'prod-gpt4o', messages: hi, signal: controller.signal });
    controller.abort();
    expect(await call.catch((e: unknown) => e)).toBeInstanceOf(AbortError);
    expect(mock.requests).toHaveLength(0);
  });

  const identityInstalled = (() => {
    try {
      import.meta.resolve('@azure/identity');
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(identityInstalled)("should ask for @azure/identity when the provider is created with credential 'default' and the package is missing", () => {
    const error = (() => {
      try {
        createAzureOpenAI({ endpoint: ENDPOINT, credential: 'default' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: 'credential', message: expect.stringContaining('npm install @azure/identity@^4') }]);
    expect((error as Error).message).toContain('in createAzureOpenAI');
  });

  it.skipIf(identityInstalled)("should name providers.<id>.credential from createSwitchyard, before any request", () => {
    const error = (() => {
      try {
        createSwitchyard({ providers: { 'azure-east': { type: 'azure-openai', endpoint: ENDPOINT, credential: 'default' } }, ledger: { type: 'none' } }, { env: {} });
      } catch (e) {
        return e;
      }
    })();
    expect((error as ConfigError).issues).toEqual([{ path: 'providers.azure-east.credential', message: expect.stringContaining("credential: 'default' uses DefaultAzureCredential from the optional package @azure/identity") }]);
    expect((error as Error).message).toContain('in config object');
  });
});
