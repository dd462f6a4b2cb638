import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, StreamInterruptedError, VersionDriftError } from '../../src/errors/index.ts';
import { systemClock } from '../../src/resilience/clock.ts';
import type { SwitchyardWarning } from '../../src/router/switchyard-warning.ts';
import type { DriftEvent } from '../../src/versions/drift-event.ts';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const clock = { ...systemClock, now: () => NOW };
const ENV = { OPENAI_API_KEY: 'sk-test-abcdefghijklmnopqrstuvwxyz123456' };
const MESSAGES = [{ role: 'user' as const, content: 'Bonjour' }];

let dir: string;
let open: Switchyard[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-versions-'));
});
afterEach(async () => {
  await Promise.all(open.map((sy) => sy.close()));
  open = [];
  rmSync(dir, { recursive: true, force: true });
});

function switchyard(models: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' }, vertex: { type: 'vertex', project: 'acme', location: 'europe-west4', accessToken: 'ya29.test-token' } },
      ledger: { type: 'memory' },
      models,
      ...extra,
    },
    { env: ENV, clock },
  );
  open.push(sy);
  const warnings: SwitchyardWarning[] = [];
  const drifts: DriftEvent[] = [];
  sy.on('warning', (w) => warnings.push(w));
  sy.on('drift', (d) => drifts.push(d));
  return { sy, warnings, drifts };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('version pinning in createSwitchyard', () => {
  it('should refuse a floating model under versions.floating: error, naming the alias and target', () => {
    const error = (() => {
      try {
        switchyard({ chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-11-20' }, { provider: 'vertex', model: 'gemini-3.5-flash' }] } }, { versions: { floating: 'error' } });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([
      { path: 'models.chat.targets[1].model', message: expect.stringContaining("model 'gemini-3.5-flash' floats (an auto-updated alias that points at the latest stable version)") },
    ]);
    expect((error as ConfigError).message).toContain("versions.floating is 'error'");
  });

  it('should emit warnings for a floating model and a retirement inside retirementWarningDays', async () => {
    const { warnings } = switchyard({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } });
    await tick();
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'floating-model', alias: 'chat', provider: 'openai', model: 'gpt-5.5', path: 'models.chat.targets[0]' }),
      expect.objectContaining({ code: 'model-retiring', model: 'gpt-4o-2024-08-06', retiresOn: '2027-01-14', daysLeft: 52, source: 'https://developers.openai.com/api/docs/deprecations' }),
    ]);
  });

  it('should stay quiet under floating: allow and a short warning window', async () => {
    const { warnings } = switchyard(
      { chat: { targets: [{ provider: 'openai', model: 'gpt-5.5' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
      { versions: { floating: 'allow', retirementWarningDays: 30 } },
    );
    await tick();
    expect(warnings).toEqual([]);
  });

  it('should record drift in the ledger', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'Salut', model: 'gpt-5.5-2026-11-02' } });
    network.use(...mock.handlers);
    const path = join(dir, 'ledger.sqlite');
    const { sy, drifts } = switchyard({ chat: { targets: [{ provider: 'openai', model: 'gpt-5.5', pin: 'gpt-5.5-2026-04-23' }] } }, { ledger: { type: 'sqlite', path } });
    const result = await sy.chat({ model: 'chat', messages: MESSAGES });
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'pin' })]);
    expect(drifts).toEqual([expect.objectContaining({ alias: 'chat', provider: 'openai', pin: 'gpt-5.5-2026-04-23', served: 'gpt-5.5-2026-11-02', action: 'warn' })]);
    await sy.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('SELECT alias, requested_model, served_model, drift FROM attempts').all()).toEqual([
      { alias: 'chat', requested_model: 'gpt-5.5', served_model: 'gpt-5.5-2026-11-02', drift: 'gpt-5.5-2026-04-23' },
    ]);
    db.close();
  });

  it('should fail over from a Vertex target whose modelVersion drifted under onDrift: failover', async () => {
    const vertex = createVertexMock({ servedModel: 'gemini-2.0-flash-002', script: [{ type: 'text', text: 'Salut' }] });
    const openai = createOpenAIMock({ script: { type: 'text', text: 'Bonjour', model: 'gpt-5.5-2026-04-23' } });
    network.use(...vertex.handlers, ...openai.handlers);
    const { sy } = switchyard(
      { chat: { versions: { onDrift: 'failover' }, targets: [{ provider: 'vertex', model: 'gemini-2.0-flash-001' }, { provider: 'openai', model: 'gpt-5.5-2026-04-23' }] } },
      { versions: { floating: 'allow' } },
    );
    const result = await sy.chat({ model: 'chat', messages: MESSAGES });
    expect(result).toMatchObject({ provider: 'openai', model: 'gpt-5.5-2026-04-23' });
    expect(result.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['vertex', 'error', 'version_drift'], ['openai', 'success', undefined]]);
  });

  it('should not fail over on drift under onDrift: error', async () => {
    const vertex = createVertexMock({ servedModel: 'gemini-2.0-flash-002', script: [{ type: 'text', text: 'Salut' }] });
    const openai = createOpenAIMock({ script: { type: 'text', text: 'Bonjour' } });
    network.use(...vertex.handlers, ...openai.handlers);
    const { sy } = switchyard({ chat: { versions: { onDrift: 'error' }, targets: [{ provider: 'vertex', model: 'gemini-2.0-flash-001' }, { provider: 'openai', model: 'gpt-5.5-2026-04-23' }] } });
    const error = await sy.chat({ model: 'chat', messages: MESSAGES }).catch((e: unknown) => e);
    expect(VersionDriftError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ action: 'error', pin: 'gemini-2.0-flash-001', served: 'gemini-2.0-flash-002' });
    expect(openai.requests).toHaveLength(0);
  });

  it('should end a drifted stream with a typed error and no finish part, never a silent end', async () => {
    const openai = createOpenAIMock({ script: [{ type: 'text', text: 'Bonjour tout le monde', chunks: 3, model: 'gpt-5.5-2026-11-02' }] });
    network.use(...openai.handlers);
    const { sy } = switchyard({ chat: { versions: { onDrift: 'failover' }, targets: [{ provider: 'openai', model: 'gpt-5.5-2026-04-23' }] } });
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of sy.stream({ model: 'chat', messages: MESSAGES })) parts.push(part);
    })().catch((e: unknown) => e);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.map((p) => p.type)).not.toContain('finish');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(VersionDriftError.isInstance((error as Error).cause)).toBe(true);
  });
  it('should put the drift warning on a stream finish part under warn, and emit drift', async () => {
    const openai = createOpenAIMock({ script: [{ type: 'text', text: 'Bonjour tout le monde', chunks: 3, model: 'gpt-5.5-2026-11-02' }] });
    network.use(...openai.handlers);
    const { sy } = switchyard({ chat: { versions: { onDrift: 'warn' }, targets: [{ provider: 'openai', model: 'gpt-5.5-2026-04-23' }] } });
    const drifts: unknown[] = [];
    sy.on('drift', (event) => drifts.push(event));
    const parts: StreamPart[] = [];
    for await (const part of sy.stream({ model: 'chat', messages: MESSAGES })) parts.push(part);
    const finish = parts.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish?.type === 'finish' && finish.warnings.map((w) => w.setting)).toContain('pin');
    expect(drifts).toEqual([expect.objectContaining({ pin: 'gpt-5.5-2026-04-23', served: 'gpt-5.5-2026-11-02', operation: 'stream', action: 'warn' })]);
  });
});
