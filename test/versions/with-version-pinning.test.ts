import { describe, expect, it } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { VersionDriftError } from '../../src/errors/index.ts';
import { errorClassOf } from '../../src/resilience/error-class.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { DriftEvent } from '../../src/versions/drift-event.ts';
import { withVersionPinning, type VersionPinningSettings } from '../../src/versions/with-version-pinning.ts';
import { network } from '../setup/network.ts';
import { readParts } from '../helpers/stream-parts.ts';

const KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz123456';
const PIN = 'gpt-4o-2024-08-06';
const MESSAGES = [{ role: 'user' as const, content: 'Say hello in French.' }];

function setup(script: ScriptStep | ScriptStep[], settings: Partial<VersionPinningSettings> = {}) {
  const mock = createOpenAIMock({ script });
  network.use(...mock.handlers);
  const events: DriftEvent[] = [];
  const provider = withVersionPinning(createOpenAI({ apiKey: KEY }), { pin: PIN, emit: (e) => events.push(e), alias: 'chat', ...settings });
  return { mock, events, provider };
}

describe('withVersionPinning', () => {
  it('should pass a response that serves the pinned version through unchanged', async () => {
    const { mock, events, provider } = setup({ type: 'text', text: 'Bonjour', model: PIN });
    const result = await provider.chat({ model: 'gpt-4o', messages: MESSAGES });
    expect(mock.requests[0].body.model).toBe('gpt-4o');
    expect(result).toMatchObject({ text: 'Bonjour', model: PIN, warnings: [] });
    expect(events).toEqual([]);
  });

  it('should warn by default when OpenAI serves another snapshot in `model`', async () => {
    const { events, provider } = setup({ type: 'text', text: 'Bonjour', model: 'gpt-4o-2024-11-20' }, { onDrift: undefined });
    const result = await provider.chat({ model: 'gpt-4o', messages: MESSAGES });
    expect(result.text).toBe('Bonjour');
    expect(result.model).toBe('gpt-4o-2024-11-20');
    expect(result.warnings).toEqual([
      { type: 'other', setting: 'pin', message: expect.stringContaining("openai served 'gpt-4o-2024-11-20' for 'gpt-4o', but the target is pinned to 'gpt-4o-2024-08-06'") },
    ]);
    expect(events).toEqual([
      {
        alias: 'chat',
        provider: 'openai',
        providerType: 'openai',
        model: 'gpt-4o',
        pin: PIN,
        served: 'gpt-4o-2024-11-20',
        operation: 'chat',
        action: 'warn',
        requestId: expect.stringMatching(/^req_/),
      },
    ]);
  });

  it('should throw VersionDriftError under onDrift: error, with the billed usage', async () => {
    const { events, provider } = setup({ type: 'text', text: 'Bonjour', model: 'gpt-4o-2024-11-20', usage: { inputTokens: 14, outputTokens: 3 } }, { onDrift: 'error' });
    const error = await provider.chat({ model: 'gpt-4o', messages: MESSAGES }).catch((e: unknown) => e);
    expect(VersionDriftError.isInstance(error)).toBe(true);
    const drift = error as VersionDriftError;
    expect(drift).toMatchObject({ code: 'version_drift', pin: PIN, served: 'gpt-4o-2024-11-20', model: 'gpt-4o', provider: 'openai', action: 'error' });
    expect(drift.usage).toMatchObject({ inputTokens: 14, outputTokens: 3 });
    expect(drift.requestId).toMatch(/^req_/);
    expect(drift.message).toContain('update the pin');
    expect(events.map((e) => e.action)).toEqual(['error']);
  });

  it('should throw a drift error the router can fail over on under onDrift: failover', async () => {
    const { events, provider } = setup({ type: 'text', text: 'Bonjour', model: 'gpt-4o-2024-11-20' }, { onDrift: 'failover' });
    const error = await provider.chat({ model: 'gpt-4o', messages: MESSAGES }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'version_drift', action: 'failover' });
    expect(errorClassOf(error)).toBe('drift');
    expect(events.map((e) => e.action)).toEqual(['failover']);
  });

  it('should put the warning on the finish part of a drifted stream', async () => {
    const { events, provider } = setup({ type: 'text', text: 'Bonjour tout le monde', chunks: 3, model: 'gpt-4o-2024-11-20' });
    const { parts, error } = await readParts(provider.stream({ model: 'gpt-4o', messages: MESSAGES }));
    expect(error).toBeUndefined();
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe('Bonjour tout le monde');
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish).toMatchObject({ type: 'finish', model: 'gpt-4o-2024-11-20' });
    expect(finish.warnings).toEqual([expect.objectContaining({ setting: 'pin' })]);
    expect(events).toEqual([expect.objectContaining({ operation: 'stream', action: 'warn', served: 'gpt-4o-2024-11-20' })]);
  });

  it('should end a drifted stream with VersionDriftError instead of a finish under onDrift: error', async () => {
    const { events, provider } = setup({ type: 'text', text: 'Bonjour tout le monde', chunks: 3, model: 'gpt-4o-2024-11-20' }, { onDrift: 'error' });
    const { parts, error } = await readParts(provider.stream({ model: 'gpt-4o', messages: MESSAGES }));
    expect(parts.map((p) => p.type)).not.toContain('finish');
    expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'version_drift', pin: PIN, served: 'gpt-4o-2024-11-20', action: 'error' });
    expect((error as VersionDriftError).usage).toBeDefined();
    expect(events.map((e) => e.operation)).toEqual(['stream']);
  });

  it('should end a stream that serves the pin with its finish part', async () => {
    const { provider } = setup({ type: 'text', text: 'Bonjour', chunks: 2, model: PIN }, { onDrift: 'error' });
    const { parts, error } = await readParts(provider.stream({ model: 'gpt-4o', messages: MESSAGES }));
    expect(error).toBeUndefined();
    expect(parts.at(-1)).toMatchObject({ type: 'finish', model: PIN, warnings: [] });
  });

  it('should compare embeddings too', async () => {
    const { events, provider } = setup({ type: 'embeddings', model: 'text-embedding-3-large', dimensions: 4 }, { pin: 'text-embedding-3-small' });
    const result = await provider.embed({ model: 'text-embedding-3-small', input: ['bonjour'] });
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'pin' })]);
    expect(events).toEqual([expect.objectContaining({ operation: 'embed', pin: 'text-embedding-3-small', served: 'text-embedding-3-large' })]);
  });

  it('should keep the provider surface: id, type, capabilities and the escape hatch', () => {
    const inner = createOpenAI({ apiKey: KEY, id: 'openai-eu' });
    const pinned = withVersionPinning(inner, { pin: PIN });
    expect(pinned.id).toBe('openai-eu');
    expect(pinned.type).toBe('openai');
    expect(pinned.capabilities).toBe(inner.capabilities);
    expect(typeof (pinned as typeof inner).getOpenAIClient).toBe('function');
  });

  it('should not let a failing listener change the outcome', async () => {
    const { provider } = setup({ type: 'text', text: 'Bonjour', model: 'gpt-4o-2024-11-20' }, {
      emit: () => {
        throw new Error('listener bug');
      },
    });
    const result = await provider.chat({ model: 'gpt-4o', messages: MESSAGES });
    expect(result.warnings).toHaveLength(1);
  });
});
