import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { VersionDriftError } from '../../src/errors/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { DriftEvent } from '../../src/versions/drift-event.ts';
import { withVersionPinning } from '../../src/versions/with-version-pinning.ts';
import { network } from '../setup/network.ts';

const MESSAGES = [{ role: 'user' as const, content: 'Bonjour' }];
const ENDPOINT = 'https://contoso-eastus.openai.azure.com';

function vertex(servedModel: string) {
  const mock = createVertexMock({ servedModel, script: [{ type: 'text', text: 'Salut tout le monde', chunks: 3 }] });
  network.use(...mock.handlers);
  return createVertex({ project: 'acme', location: 'europe-west4', accessToken: 'ya29.test-token' });
}

describe('drift on the served-version field of each wire format', () => {
  it('should read Vertex `modelVersion` and pass a response that matches the pin', async () => {
    const events: DriftEvent[] = [];
    const provider = withVersionPinning(vertex('gemini-2.0-flash-001'), { pin: 'gemini-2.0-flash-001', onDrift: 'error', emit: (e) => events.push(e) });
    const result = await provider.chat({ model: 'gemini-2.0-flash-001', messages: MESSAGES });
    expect(result).toMatchObject({ model: 'gemini-2.0-flash-001', warnings: [] });
    expect(events).toEqual([]);
  });

  it('should warn when Vertex `modelVersion` differs from the pin', async () => {
    const events: DriftEvent[] = [];
    const provider = withVersionPinning(vertex('gemini-2.0-flash-002'), { pin: 'gemini-2.0-flash-001', emit: (e) => events.push(e) });
    const result = await provider.chat({ model: 'gemini-2.0-flash', messages: MESSAGES });
    expect(result.model).toBe('gemini-2.0-flash-002');
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'pin', message: expect.stringContaining("served 'gemini-2.0-flash-002'") })]);
    expect(events).toEqual([expect.objectContaining({ provider: 'vertex', providerType: 'vertex', model: 'gemini-2.0-flash', pin: 'gemini-2.0-flash-001', served: 'gemini-2.0-flash-002', action: 'warn' })]);
  });

  it('should end a Vertex stream whose `modelVersion` drifted with VersionDriftError under failover', async () => {
    const provider = withVersionPinning(vertex('gemini-2.0-flash-002'), { pin: 'gemini-2.0-flash-001', onDrift: 'failover' });
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of provider.stream({ model: 'gemini-2.0-flash', messages: MESSAGES })) parts.push(part);
    })().catch((e: unknown) => e);
    expect(parts.map((p) => p.type)).not.toContain('finish');
    expect(VersionDriftError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ action: 'failover', pin: 'gemini-2.0-flash-001', served: 'gemini-2.0-flash-002' });
  });

  it("should compare an Azure deployment's served `model` with the deployment's configured version", async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, deployments: { 'prod-gpt4o': 'gpt-4o-2024-11-20' }, script: [{ type: 'text', text: 'Salut' }] });
    network.use(...mock.handlers);
    const inner = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'azure-key-0123456789abcdef', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } });
    const provider = withVersionPinning(inner, { pin: 'gpt-4o-2024-08-06', onDrift: 'error' });
    const error = await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'version_drift', model: 'prod-gpt4o', pin: 'gpt-4o-2024-08-06', served: 'gpt-4o-2024-11-20' });
  });
});
