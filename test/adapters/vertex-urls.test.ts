import { describe, expect, it } from 'vitest';
import { createVertex, createVertexUrl, vertexHost } from '../../adapters/vertex/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-url-test-token-0123456789';
const user = [{ role: 'user' as const, content: 'Hi' }];

describe('vertexHost', () => {
  it('should use the global host for global, the rep hosts for us and eu, and the regional host otherwise', () => {
    expect(vertexHost('global')).toBe('https://aiplatform.googleapis.com');
    expect(vertexHost('us')).toBe('https://aiplatform.us.rep.googleapis.com');
    expect(vertexHost('eu')).toBe('https://aiplatform.eu.rep.googleapis.com');
    expect(vertexHost('europe-west4')).toBe('https://europe-west4-aiplatform.googleapis.com');
  });
});

describe('createVertexUrl', () => {
  const cases: Array<[string, Parameters<typeof createVertexUrl>[0], string, Parameters<ReturnType<typeof createVertexUrl>>[1], string]> = [
    ['regional', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'gemini-2.0-flash-001', 'generateContent', 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:generateContent'],
    ['regional stream', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'gemini-2.0-flash-001', 'streamGenerateContent', 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse'],
    ['global', { apiVersion: 'v1', location: 'global', project: 'acme', express: false }, 'gemini-2.5-pro', 'generateContent', 'https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/google/models/gemini-2.5-pro:generateContent'],
    ['us multi-region', { apiVersion: 'v1', location: 'us', project: 'acme', express: false }, 'gemini-2.5-pro', 'generateContent', 'https://aiplatform.us.rep.googleapis.com/v1/projects/acme/locations/us/publishers/google/models/gemini-2.5-pro:generateContent'],
    ['eu multi-region', { apiVersion: 'v1', location: 'eu', project: 'acme', express: false }, 'gemini-2.5-pro', 'streamGenerateContent', 'https://aiplatform.eu.rep.googleapis.com/v1/projects/acme/locations/eu/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse'],
    ['v1beta1', { apiVersion: 'v1beta1', location: 'europe-west4', project: 'acme', express: false }, 'gemini-2.5-flash', 'generateContent', 'https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent'],
    ['baseURL (Private Service Connect)', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false, baseURL: 'https://us-central1-aiplatform-acme.p.googleapis.com/' }, 'gemini-2.5-flash', 'generateContent', 'https://us-central1-aiplatform-acme.p.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent'],
    ['baseURL with a path prefix (gateway)', { apiVersion: 'v1', location: 'global', project: 'acme', express: false, baseURL: 'https://gw.acme.example/vertex' }, 'gemini-2.5-flash', 'streamGenerateContent', 'https://gw.acme.example/vertex/v1/projects/acme/locations/global/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse'],
    ['express', { apiVersion: 'v1', location: 'global', express: true }, 'gemini-2.5-flash', 'generateContent', 'https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash:generateContent'],
    ['express with baseURL', { apiVersion: 'v1beta1', location: 'global', express: true, baseURL: 'https://gw.acme.example' }, 'gemini-2.5-flash', 'generateContent', 'https://gw.acme.example/v1beta1/publishers/google/models/gemini-2.5-flash:generateContent'],
    ['a deployed endpoint', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'endpoints/4521983420160737280', 'generateContent', 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/endpoints/4521983420160737280:generateContent'],
    ['another publisher', { apiVersion: 'v1', location: 'us-east5', project: 'acme', express: false }, 'publishers/meta/models/llama-3.3-70b-instruct-maas', 'generateContent', 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme/locations/us-east5/publishers/meta/models/llama-3.3-70b-instruct-maas:generateContent'],
    ['a full resource path', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'projects/other/locations/us-central1/endpoints/77', 'generateContent', 'https://us-central1-aiplatform.googleapis.com/v1/projects/other/locations/us-central1/endpoints/77:generateContent'],
    ['predict', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'text-embedding-005', 'predict', 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/text-embedding-005:predict'],
    ['embedContent', { apiVersion: 'v1', location: 'us-central1', project: 'acme', express: false }, 'gemini-embedding-001', 'embedContent', 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-embedding-001:embedContent'],
  ];
  for (const [name, config, model, method, expected] of cases) {
    it(`should build the ${name} URL`, () => {
      expect(createVertexUrl(config)(model, method)).toBe(expected);
    });
  }
});

describe('createVertex URLs on the wire', () => {
  it('should pin v1 by default and send v1beta1 only when asked', async () => {
    expect(DEFAULT_VERSIONS.vertexApiVersion).toBe('v1');
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createVertex({ project: 'acme', location: 'global', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.5-flash', messages: user });
    await createVertex({ project: 'acme', location: 'global', accessToken: TOKEN, apiVersion: 'v1beta1', env: {} }).chat({ model: 'gemini-2.5-flash', messages: user });
    expect(mock.requests.map((r) => r.url)).toEqual([
      'https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/google/models/gemini-2.5-flash:generateContent',
      'https://aiplatform.googleapis.com/v1beta1/projects/acme/locations/global/publishers/google/models/gemini-2.5-flash:generateContent',
    ]);
  });

  it('should default to the global location', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createVertex({ project: 'acme', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.5-flash', messages: user });
    expect(mock.requests[0]?.url).toBe('https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/google/models/gemini-2.5-flash:generateContent');
  });

  it('should send express mode to the project-less path with x-goog-api-key and no Authorization', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok', chunks: 2 } });
    network.use(...mock.handlers);
    const vertex = createVertex({ apiKey: 'AIzaSyD-express-key-0123456789abcdef', env: { GOOGLE_CLOUD_PROJECT: 'ignored-in-express' } });
    await vertex.chat({ model: 'gemini-2.5-flash', messages: user });
    for await (const _ of vertex.stream({ model: 'gemini-2.5-flash', messages: user })) void _;
    expect(mock.requests.map((r) => r.url)).toEqual([
      'https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash:generateContent',
      'https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('AIzaSyD-express-key-0123456789abcdef');
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('should send to a Private Service Connect baseURL keeping the path shape', async () => {
    const base = 'https://us-central1-aiplatform-acme-psc.p.googleapis.com';
    const mock = createVertexMock({ baseURL: base, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createVertex({ project: 'acme', location: 'us-central1', baseURL: `${base}/`, accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.0-flash-001', messages: user });
    expect(mock.requests[0]?.url).toBe(`${base}/v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:generateContent`);
  });

  it('should send the multi-region eu location to its rep host', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createVertex({ project: 'acme', location: 'eu', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.5-pro', messages: user });
    expect(mock.requests[0]?.url).toBe('https://aiplatform.eu.rep.googleapis.com/v1/projects/acme/locations/eu/publishers/google/models/gemini-2.5-pro:generateContent');
  });
});
