import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'switchyard-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo (npm run demo)', () => {
  it('should fail over, open the circuit, write the ledger and print the cost report per provider', async () => {
    // A child process: the demo talks to its own loopback servers, outside this test's msw interception.
    const env: Record<string, string | undefined> = { ...process.env, SWITCHYARD_LEDGER: join(dir, 'ledger.sqlite') };
    for (const name of ['AZURE_OPENAI_ENDPOINT', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'VERTEX_BASE_URL', 'COREWEAVE_BASE_URL']) delete env[name];
    const { stdout } = await run(process.execPath, ['demo/run-demo.ts'], { env, timeout: 60_000 });

    expect(stdout).toMatch(/attempt 1 at \+\d+ ms: azure-east \(chat\) error rate_limit/);
    // The retry honoured Retry-After (1 s) before trying the primary again.
    const retryAt = Number(/attempt 2 at \+(\d+) ms: azure-east \(chat\) error unavailable/.exec(stdout)?.[1]);
    expect(retryAt).toBeGreaterThanOrEqual(1000);
    expect(stdout).toContain('failover: azure-east failed (unavailable), trying openai');
    expect(stdout).toContain('served by openai (gpt-5.1-2025-11-13), 1250 in (1024 cached) / 14 out');
    expect(stdout).toContain('circuit open for azure-east: 3 consecutive failures');
    expect(stdout).toContain('path: azure-east:error(unavailable) → azure-east:skipped → openai:success');
    expect(stdout).toMatch(/2 vectors of 8 dimensions from vertex \(gemini-embedding-001\)/);
    expect(stdout).toContain('from coreweave (meta-llama/Llama-3.3-70B-Instruct)');

    const table = stdout.slice(stdout.indexOf('Cost report by provider'));
    const row = (name: string) => table.split('\n').find((line) => line.startsWith(name))?.trim().split(/\s{2,}/);
    expect(row('azure-east')?.slice(0, 3)).toEqual(['azure-east', '4', '4']);
    expect(row('openai')?.slice(0, 3)).toEqual(['openai', '2', '0']);
    expect(row('coreweave')?.slice(0, 3)).toEqual(['coreweave', '1', '0']);
    expect(row('vertex')?.slice(0, 3)).toEqual(['vertex', '1', '0']);
    expect(row('TOTAL')?.slice(0, 3)).toEqual(['TOTAL', '8', '4']);
  });
});
