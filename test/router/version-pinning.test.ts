import { describe, expect, it } from 'vitest';
import { VersionDriftError } from '../../src/errors/index.ts';
import { createFakeProvider } from './helpers/fake-provider.ts';
import { ask, makeSwitchyard } from './helpers/make-switchyard.ts';

function setup(onDrift: 'warn' | 'error' | 'failover') {
  const fakes = {
    a: createFakeProvider('a', [{ type: 'text', text: 'from a', model: 'gpt-4o-2024-11-20', usage: { inputTokens: 30, outputTokens: 4 } }]),
    b: createFakeProvider('b', [{ type: 'text', text: 'from b', model: 'gpt-4o-2024-08-06' }]),
  };
  const ts = makeSwitchyard(fakes, {
    versions: { onDrift },
    models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'gpt-4o', pin: 'gpt-4o-2024-08-06' }, { provider: 'b', model: 'gpt-4o-2024-08-06', pin: 'gpt-4o-2024-08-06' }] } },
  });
  return { ...ts, fakes };
}

describe('version pinning in the router', () => {
  it('should warn on drift under onDrift: warn, with a drift event and the drift in attempt-end', async () => {
    const { sy, eventsNamed } = setup('warn');
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.provider).toBe('a');
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'pin' })]);
    expect(eventsNamed('drift')).toEqual([expect.objectContaining({ alias: 'chat', provider: 'a', pin: 'gpt-4o-2024-08-06', served: 'gpt-4o-2024-11-20', action: 'warn' })]);
    expect(eventsNamed('attempt-end')[0]).toMatchObject({ outcome: 'success', servedModel: 'gpt-4o-2024-11-20', drift: 'gpt-4o-2024-08-06' });
  });

  it('should fail over on drift under onDrift: failover, recording the billed usage of the drifted answer', async () => {
    const { sy, eventsNamed } = setup('failover');
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.provider).toBe('b');
    expect(result.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['a', 'error', 'version_drift'], ['b', 'success', undefined]]);
    expect(eventsNamed('attempt-end')[0]).toMatchObject({ outcome: 'error', errorCode: 'version_drift', servedModel: 'gpt-4o-2024-11-20', drift: 'gpt-4o-2024-08-06', usage: { inputTokens: 30, outputTokens: 4 } });
    expect(eventsNamed('attempt-end')[1]?.drift).toBeUndefined();
  });

  it('should throw VersionDriftError under onDrift: error, without failing over', async () => {
    const { sy, fakes } = setup('error');
    const error = await sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e);
    expect(VersionDriftError.isInstance(error)).toBe(true);
    expect(fakes.b.calls).toHaveLength(0);
  });
});
