import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-command.ts';
import { runCli } from '../../src/cli/main.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { loadMeteringConfig } from '../../src/cli/load-metering-config.ts';
import { attemptEnd, usage } from '../metering/attempt-events.ts';

/** The clock of every CLI test: 2026-11-22T00:00:00Z. */
export const NOW = Date.UTC(2026, 10, 22);

export const CONFIG_YAML = `providers:
  azure-east:
    type: azure-openai
    endpoint: https://contoso-east.openai.azure.com
    apiKey: \${AZURE_OPENAI_API_KEY}
    apiVersion: 2024-10-21
    deployments: { chat-prod: { model: gpt-4o-2024-08-06 } }
  vertex:
    type: vertex
    project: acme-ai
    location: europe-west4
    apiVersion: v1
  ptu:
    type: azure-openai
    endpoint: https://contoso-ptu.openai.azure.com
    apiKey: \${AZURE_OPENAI_API_KEY}
    apiVersion: 2024-10-21
    deployments: { chat-ptu: { model: gpt-4o-2024-08-06 } }
    billing: { type: provisioned, units: 2, hourlyUsdPerUnit: 1, tokensPerMinutePerUnit: 1000 }
models:
  chat:
    targets:
      - { provider: azure-east, model: chat-prod }
      - { provider: ptu, model: chat-ptu }
      - { provider: vertex, model: gemini-2.0-flash-001 }
ledger: { type: sqlite, path: data/ledger.sqlite }
`;

/** A temp folder with switchyard.yaml and a ledger of a few attempts on 2026-11-20 and 2026-11-21. */
export async function createCliFixture(): Promise<{ dir: string; config: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
  const config = join(dir, 'switchyard.yaml');
  writeFileSync(config, CONFIG_YAML);
  const { config: loaded, baseDir } = loadMeteringConfig(config, io(dir, { AZURE_OPENAI_API_KEY: 'test-key' }).io);
  const meter = createMeterFromConfig(loaded, { cwd: baseDir });
  const d1 = Date.UTC(2026, 10, 20, 9);
  const d2 = Date.UTC(2026, 10, 21, 9);
  const azure = { provider: 'azure-east', providerType: 'azure-openai', model: 'chat-prod', servedModel: 'gpt-4o-2024-08-06', apiVersion: '2024-10-21' };
  const vertex = { provider: 'vertex', providerType: 'vertex', model: 'gemini-2.0-flash-001', servedModel: 'gemini-2.0-flash-001' };
  meter.record(attemptEnd({ ...azure, startedAt: d1, latencyMs: 800, usage: usage(2_000_000, 100_000), tags: { tenant: 'acme' } })); // 6.00 USD
  meter.record(attemptEnd({ ...azure, startedAt: d2, latencyMs: 600, usage: usage(1_000_000, 0), tags: { tenant: 'globex' } })); // 2.50 USD
  meter.record(attemptEnd({ ...azure, startedAt: d2 + 1, outcome: 'error', errorCode: 'rate_limit', usage: undefined, latencyMs: 40 }));
  meter.record(attemptEnd({ ...vertex, startedAt: d1, latencyMs: 300, usage: usage(10_000_000, 1_000_000), tags: { tenant: 'acme' } })); // 1.40 USD
  meter.record(attemptEnd({ ...vertex, startedAt: d2, latencyMs: 500, usage: usage(5_000_000, 0), tags: { tenant: 'acme' } })); // 0.50 USD
  meter.record(attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'chat-ptu', startedAt: d2, latencyMs: 200, usage: usage(1_440_000, 0), tags: { tenant: 'acme' } }));
  await meter.close();
  return { dir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory CliIo and what was written to it. */
export function io(cwd: string, env: Record<string, string | undefined> = {}): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd, env, now: () => NOW },
    out: () => out,
    err: () => err,
  };
}

/** Runs `switchyard ...args` in-process. */
export async function cli(cwd: string, args: string[], env: Record<string, string | undefined> = { AZURE_OPENAI_API_KEY: 'test-key' }) {
  const captured = io(cwd, env);
  const code = await runCli(args, captured.io);
  return { code, stdout: captured.out(), stderr: captured.err() };
}
