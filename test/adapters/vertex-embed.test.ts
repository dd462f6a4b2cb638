import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { RateLimitError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-embed-test-token-0123456789';
const ROOT = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models';
const vertex = () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Vertex embeddings', () => {
  it('should send text-embedding models every input in one :predict call and sum token counts from statistics', async () => {
    const bodies: unknown[] = [];
    network.use(
      http.post(new RegExp(`^${escape(ROOT)}/text-embedding-005:predict$`), async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          predictions: [
            { embeddings: { statistics: { token_count: 5, truncated: false }, values: [-0.017999587580561638, -0.006893285550177097, -0.036766719073057175] } },
            { embeddings: { statistics: { truncated: true, token_count: 2048 }, values: [-0.06007182598114014, 0.004907649010419846, -0.00690646655857563] } },
          ],
          metadata: { billableCharacterCount: 9210 },
        });
      }),
    );
    const result = await vertex().embed({ model: 'text-embedding-005', input: ['sunny day at the beach', 'a very long document'], dimensions: 3, providerOptions: { vertex: { taskType: 'RETRIEVAL_DOCUMENT', title: 'Travel notes', autoTruncate: true } } });
    expect(bodies).toEqual([
      {
        instances: [
          { content: 'sunny day at the beach', task_type: 'RETRIEVAL_DOCUMENT', title: 'Travel notes' },
          { content: 'a very long document', task_type: 'RETRIEVAL_DOCUMENT', title: 'Travel notes' },
        ],
        parameters: { outputDimensionality: 3, autoTruncate: true },
      },
    ]);
    expect(result).toMatchObject({
      embeddings: [[-0.017999587580561638, -0.006893285550177097, -0.036766719073057175], [-0.06007182598114014, 0.004907649010419846, -0.00690646655857563]],
      usage: { inputTokens: 2053, outputTokens: 0, totalTokens: 2053 },
      model: 'text-embedding-005',
      provider: 'vertex',
    });
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'input[1]', message: expect.stringMatching(/truncated/) })]);
  });

  it('should send gemini-embedding models one input per :embedContent call, keeping input order', async () => {
    const mock = createVertexMock({ script: { type: 'embeddings' } });
    network.use(...mock.handlers);
    const input = ['first text', 'second longer text here', 'third', 'fourth one', 'fifth and last'];
    const result = await vertex().embed({ model: 'gemini-embedding-001', input, dimensions: 4, providerOptions: { vertex: { taskType: 'SEMANTIC_SIMILARITY' } } });
    expect(mock.requests).toHaveLength(5);
    expect(new Set(mock.requests.map((r) => r.url))).toEqual(new Set([`${ROOT}/gemini-embedding-001:embedContent`]));
    expect(mock.requests.map((r) => r.body.content.parts[0].text).sort()).toEqual([...input].sort());
    expect(mock.requests[0]?.body.embedContentConfig).toEqual({ taskType: 'SEMANTIC_SIMILARITY', outputDimensionality: 4 });
    // The mock derives each vector from its text: the same text gives the same vector, so order is checkable.
    const alone = await vertex().embed({ model: 'gemini-embedding-001', input: ['third'], dimensions: 4 });
    expect(result.embeddings[2]).toEqual(alone.embeddings[0]);
    expect(result.embeddings.every((v) => v.length === 4)).toBe(true);
    expect(result.usage.inputTokens).toBe(2 + 4 + 1 + 2 + 3);
  });

  it('should fail the whole call when one :embedContent call fails', async () => {
    network.use(...createVertexMock({ script: [{ type: 'embeddings' }, { type: 'error', status: 429, retryAfterSeconds: 3 }] }).handlers);
    const error = await vertex().embed({ model: 'gemini-embedding-001', input: ['a', 'b'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3000 });
  });
});
