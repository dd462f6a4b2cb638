import { describe, expect, it } from 'vitest';
import { createVertex, vertexProviderDefinition } from '../../adapters/vertex/index.ts';
import { ConfigError, UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const TOKEN = 'ya29.a0AfB_claude-on-vertex-token-0123456789abcdef';
const MODEL = 'claude-sonnet-4-5@20250929';
const GLOBAL = `https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/anthropic/models/${MODEL}`;
const claude = (settings: Parameters<typeof createVertex>[0] = {}) => createVertex({ project: 'acme-prod', location: 'global', accessToken: TOKEN, env: {}, ...settings });
const mock = (script: Parameters<typeof createVertexMock>[0]['script']) => {
  const m = createVertexMock({ script });
  network.use(...m.handlers);
  return m;
};
runProviderConformance({
  name: 'vertex (Claude, anthropic-messages)',
  createProvider: () => claude(),
  mock,
  chatModel: MODEL,
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${GLOBAL}:${stream ? 'streamRawPredict' : 'rawPredict'}`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe(stream ? 'text/event-stream' : 'application/json');
    expect(request.headers['anthropic-version']).toBeUndefined();
    expect(request.body.anthropic_version).toBe('vertex-2023-10-16');
    expect(request.body.model).toBeUndefined();
    expect(request.body.max_tokens).toEqual(expect.any(Number));
    expect(request.body.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: expect.any(String) }] });
    if (stream) expect(request.body.stream).toBe(true);
    else expect(request.body.stream).toBeUndefined();
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.tools).toEqual([expect.objectContaining({ name: 'person', input_schema: expect.objectContaining(schema) })]);
    expect(request.body.tool_choice).toEqual({ type: 'tool', name: 'person' });
  },
});

describe('createVertex with Claude models', () => {
  it('should route claude-* ids, publisher paths and publisher: anthropic to rawPredict on the regional, multi-region and global hosts', async () => {
    const m = mock({ type: 'text', text: 'ok' });
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    await claude().chat({ model: 'claude-opus-4-6', messages });
    await claude({ location: 'us-east5' }).chat({ model: MODEL, messages });
    await claude({ location: 'eu' }).chat({ model: 'publishers/anthropic/models/claude-haiku-4-5@20251001', messages });
    await claude({ location: 'europe-west1', publisher: 'anthropic' }).chat({ model: 'my-claude-endpoint-id', messages });
    await claude({ apiVersion: 'v1beta1' }).stream({ model: MODEL, messages })[Symbol.asyncIterator]().next();
    expect(m.requests.map((r) => r.url)).toEqual([
      'https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/anthropic/models/claude-opus-4-6:rawPredict',
      `https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-east5/publishers/anthropic/models/${MODEL}:rawPredict`,
      'https://aiplatform.eu.rep.googleapis.com/v1/projects/acme-prod/locations/eu/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict',
      'https://europe-west1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/europe-west1/publishers/anthropic/models/my-claude-endpoint-id:rawPredict',
      `https://aiplatform.googleapis.com/v1beta1/projects/acme-prod/locations/global/publishers/anthropic/models/${MODEL}:streamRawPredict`,
    ]);
    // Gemini stays on generateContent beside it.
    const gemini = mock({ type: 'text', text: 'ok' });
    await claude().chat({ model: 'gemini-2.5-flash', messages });
    expect(gemini.requests[0]?.url).toBe('https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/google/models/gemini-2.5-flash:generateContent');
  });

  it('should refuse a Claude model in express mode before sending anything', async () => {
    const m = mock({ type: 'text', text: 'never' });
    const express = createVertex({ apiKey: 'AIzaSy-express-key-0123456789', env: {} });
    await expect(express.chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(collectParts(express.stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }))).rejects.toThrow(/serves Google's models/);
    expect(m.requests).toHaveLength(0);
  });

  it('should validate the anthropic settings and accept them in the config schema', () => {
    expect(() => claude({ anthropic: { defaultMaxTokens: 0 } })).toThrow(ConfigError);
    expect(() => claude({ anthropic: { version: '2023-06-01' as never } })).toThrow(/not an anthropic_version Vertex AI takes/);
    const parsed = vertexProviderDefinition.configSchema.safeParse({ project: 'p', publisher: 'anthropic', anthropic: { version: '2026-10-21', structuredOutput: 'native', defaultMaxTokens: 2048 } });
    expect(parsed.success).toBe(true);
    expect(vertexProviderDefinition.configSchema.safeParse({ anthropic: { version: '2023-06-01' } }).success).toBe(false);
  });
});
