import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { openAIChatChunks, openAIChatCompletion } from '../../src/testing/openai-wire.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { captureRaw, checkOCISignature, createTestKeyPair, type RawRequest } from './oci-helpers.ts';

const OCI_BASE = 'https://inference.generativeai.us-ashburn-1.oci.oraclecloud.com/openai/v1';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaaw3zq5xkv7mnc2pbrlt4gjyhd6fuoesia';
const USER = 'ocid1.user.oc1..aaaaaaaa5nrtq2jzw7xkvbm4c6lpyhgd3fuoesib';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaa2hkq7vzmx5wnc4jbrlt6pygd3fuoesic';
const OCI_MODEL = 'meta.llama-3.3-70b-instruct';
const keys = createTestKeyPair();
const env = { OPENAI_KEY: 'sk-proj-primary-0123456789abcdef', OCI_PRIVATE_KEY: keys.privateKeyPem, OCI_TENANCY: TENANCY };

const config = {
  providers: {
    openai: { type: 'openai', apiKey: '${OPENAI_KEY}' },
    'oci-ashburn': { type: 'oci', region: 'us-ashburn-1', compartmentId: COMPARTMENT, tenancy: '${OCI_TENANCY}', user: USER, fingerprint: keys.fingerprint, privateKey: '${OCI_PRIVATE_KEY}' },
  },
  models: {
    chat: {
      retry: { attempts: 1 },
      targets: [
        { provider: 'openai', model: 'gpt-4o-2024-08-06' },
        { provider: 'oci-ashburn', model: OCI_MODEL },
      ],
    },
  },
};

/** The OCI endpoint, answering in the OpenAI format and keeping each request's bytes. */
function serveOCI(): RawRequest[] {
  const seen: RawRequest[] = [];
  network.use(
    http.post(`${OCI_BASE}/chat/completions`, async ({ request }) => {
      const raw = await captureRaw(request);
      seen.push(raw);
      const headers = { 'opc-request-id': 'F1E2D3C4B5A6/978869504132/ABCDEF012345' };
      if (!JSON.parse(Buffer.from(raw.body).toString('utf8')).stream) return HttpResponse.json(openAIChatCompletion({ type: 'text', text: 'Answered by OCI.', usage: { inputTokens: 14, outputTokens: 4 } }, OCI_MODEL), { headers });
      const events = openAIChatChunks({ type: 'text', text: 'Streamed by OCI.', chunks: 3 }, OCI_MODEL, true).map((c) => `data: ${JSON.stringify(c)}\n\n`);
      return new HttpResponse(`${events.join('')}data: [DONE]\n\n`, { headers: { ...headers, 'content-type': 'text/event-stream' } });
    }),
  );
  return seen;
}

describe('OCI through createSwitchyard', () => {
  it('should fail over to OCI when the primary answers 503, with a signed request', async () => {
    const primary = createOpenAIMock({ script: { type: 'error', status: 503 } });
    network.use(...primary.handlers);
    const seen = serveOCI();
    const sy = createSwitchyard(config, { env });
    const failovers: unknown[] = [];
    sy.on('failover', (e) => failovers.push(e));
    try {
      const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Wie spät ist es in Zürich?' }] });
      expect(result).toMatchObject({ text: 'Answered by OCI.', provider: 'oci-ashburn', model: OCI_MODEL, usage: { inputTokens: 14, outputTokens: 4 } });
      expect(result.attempts?.map((a) => [a.provider, a.outcome])).toEqual([
        ['openai', 'error'],
        ['oci-ashburn', 'success'],
      ]);
      expect(failovers).toHaveLength(1);
      expect(primary.requests).toHaveLength(1);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.headers['opc-compartment-id']).toBe(COMPARTMENT);
      expect(checkOCISignature(seen[0] as RawRequest, keys.publicKey, `${TENANCY}/${USER}/${keys.fingerprint}`)).toBe(true);
    } finally {
      await sy.close();
    }
  });

  it('should fail a stream over to OCI before the first token', async () => {
    const primary = createOpenAIMock({ script: { type: 'error', status: 503 } });
    network.use(...primary.handlers);
    const seen = serveOCI();
    const sy = createSwitchyard(config, { env });
    try {
      const parts: StreamPart[] = [];
      for await (const part of sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
      expect(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('')).toBe('Streamed by OCI.');
      expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'oci-ashburn' });
      expect(checkOCISignature(seen[0] as RawRequest, keys.publicKey, `${TENANCY}/${USER}/${keys.fingerprint}`)).toBe(true);
    } finally {
      await sy.close();
    }
  });

  it('should report an OCI provider config problem under its config path', () => {
    const broken = { ...config, providers: { ...config.providers, 'oci-ashburn': { ...config.providers['oci-ashburn'], compartmentId: undefined } } };
    delete (broken.providers['oci-ashburn'] as Record<string, unknown>).compartmentId;
    const error = (() => {
      try {
        createSwitchyard(broken, { env });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.objectContaining({ path: 'providers.oci-ashburn.compartmentId' })]);
    for (const line of keys.privateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect((error as Error).message).not.toContain(line);
  });
});
