import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinsCommand } from '../../src/cli/commands/pins.ts';
import { runCli } from '../../src/cli/main.ts';
import { toLedgerRecord } from '../../src/metering/ledger-record.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import type { AttemptEndEvent } from '../../src/types/attempt-event.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ENV = { OPENAI_API_KEY: 'sk-test-abcdefghijklmnopqrstuvwxyz123456', AZURE_OPENAI_API_KEY: 'azure-key-0123456789abcdef', CW_KEY: 'cw-test-0123456789' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-pins-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PROVIDERS = `providers:
  openai: { type: openai, apiKey: '\${OPENAI_API_KEY}' }
  azure-east:
    type: azure-openai
    endpoint: https://contoso-east.openai.azure.com
    apiKey: \${AZURE_OPENAI_API_KEY}
    deployments: { prod-55: { model: gpt-5.5-2026-04-24 }, prod-41: { model: gpt-4.1-2025-04-14 } }
  azure-classic:
    type: azure-openai
    endpoint: https://contoso-west.openai.azure.com
    apiKey: \${AZURE_OPENAI_API_KEY}
    apiVersion: 2024-10-21
    deployments: { prod-41: { model: gpt-4.1-2025-04-14 } }
  serverless: { type: coreweave, apiKey: '\${CW_KEY}' }
ledger: { type: sqlite, path: ledger.sqlite }
`;

function writeConfig(body: string): string {
  const path = join(dir, 'switchyard.yaml');
  writeFileSync(path, PROVIDERS + body);
  return path;
}

async function served(records: Array<Partial<AttemptEndEvent>>): Promise<void> {
  const store = createSqliteLedgerStore(join(dir, 'ledger.sqlite'));
  await store.append(
    records.map((r, i) =>
      toLedgerRecord(
        {
          alias: 'chat',
          provider: 'openai',
          providerType: 'openai',
          model: 'gpt-5.5-2026-04-23',
          operation: 'chat',
          attempt: 1,
          hedge: false,
          startedAt: Date.UTC(2026, 10, 20, 9, 30) + i * 60_000,
          outcome: 'success',
          latencyMs: 420,
          ...r,
        },
        null,
      ),
    ),
  );
  await store.close();
}

async function pins(args: string[], env: Record<string, string | undefined> = ENV) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env, cwd: dir, now: () => NOW };
  const code = await runCli(['pins', ...args], io, [pinsCommand]);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Array<Record<string, unknown>> };
}

describe('switchyard pins', () => {
  it('should print a row per target and pass --check when nothing is wrong', async () => {
    const config = writeConfig(`models:
  chat:
    targets:
      - { provider: openai, model: gpt-5.5-2026-04-23 }
      - { provider: azure-east, model: prod-55 }
`);
    await served([{ servedModel: 'gpt-5.5-2026-04-23' }, { provider: 'azure-east', providerType: 'azure-openai', model: 'prod-55', servedModel: 'gpt-5.5-2026-04-24' }]);
    const { code, stdout, stderr } = await pins(['--config', config, '--check']);
    expect(code).toBe(0);
    expect(stderr).toContain('--check: ok');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^ALIAS\s+PROVIDER\s+API VERSION\s+SURFACE\s+MODEL\s+PIN\s+LAST SERVED\s+RETIRES\s+DAYS LEFT$/);
    expect(lines[1]).toMatch(/^chat\s+openai\s+v1\s+chat\s+gpt-5\.5-2026-04-23\s+gpt-5\.5-2026-04-23\s+gpt-5\.5-2026-04-23\s+-\s+-$/);
    expect(lines[2]).toMatch(/^chat\s+azure-east\s+v1\s+v1\/chat\s+prod-55\s+gpt-5\.5-2026-04-24\s+gpt-5\.5-2026-04-24\s+2027-04-23\s+151$/);
    expect(stdout).toContain('No problems found.');
  });

  it('should print the JSON contract with --format json', async () => {
    const config = writeConfig(`models:
  chat:
    targets:
      - { provider: azure-east, model: prod-55 }
      - { provider: serverless, model: meta-llama/Llama-3.3-70B-Instruct }
`);
    const { code, json, stderr } = await pins(['--config', config, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toContain('no ledger at');
    expect(json()).toEqual([
      { alias: 'chat', provider: 'azure-east', model: 'prod-55', pin: 'gpt-5.5-2026-04-24', apiVersion: 'v1', surface: 'v1/chat', lastServed: null, retiresOn: '2027-04-23', daysLeft: 151, problems: [] },
      { alias: 'chat', provider: 'serverless', model: 'meta-llama/Llama-3.3-70B-Instruct', pin: null, apiVersion: null, surface: 'chat', lastServed: null, retiresOn: null, daysLeft: null, problems: [] },
    ]);
  });

  it('should show the API surface of each target: Azure v1 or classic URLs, chat or responses', async () => {
    const config = writeConfig(`models:
  chat:
    targets:
      - { provider: azure-east, model: prod-55, api: responses }
      - { provider: azure-classic, model: prod-41 }
      - { provider: openai, model: gpt-5.5-2026-04-23, api: responses }
      - { provider: serverless, model: meta-llama/Llama-3.3-70B-Instruct }
`);
    const { code, json, stdout } = await pins(['--config', config, '--format', 'json']);
    expect(code).toBe(0);
    expect(json().map((r) => [r.provider, r.apiVersion, r.surface])).toEqual([
      ['azure-east', 'v1', 'v1/responses'],
      ['azure-classic', '2024-10-21', 'classic/chat'],
      ['openai', 'v1', 'responses'],
      ['serverless', null, 'chat'],
    ]);
    expect(stdout).not.toContain('SURFACE');
    const table = (await pins(['--config', config])).stdout.split('\n');
    expect(table[2]).toMatch(/^chat\s+azure-classic\s+2024-10-21\s+classic\/chat\s+prod-41\s/);
  });

  it('should fail --check on drift between the last served version and the pin', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: openai, model: gpt-5.5, pin: gpt-5.5-2026-04-23 }]
`);
    await served([
      { model: 'gpt-5.5', servedModel: 'gpt-5.5-2026-04-23' },
      { model: 'gpt-5.5', servedModel: 'gpt-5.5-2026-11-02' },
    ]);
    const { code, json, stderr } = await pins(['--config', config, '--check', '--format=json']);
    expect(code).toBe(1);
    const [row] = json();
    expect(row).toMatchObject({ model: 'gpt-5.5', pin: 'gpt-5.5-2026-04-23', lastServed: 'gpt-5.5-2026-11-02' });
    expect(row.problems).toEqual(["drift: last served 'gpt-5.5-2026-11-02' (2026-11-20T09:31:00.000Z), pinned 'gpt-5.5-2026-04-23'"]);
    expect(stderr).toContain('1 problem(s) fail the check');
    expect(stderr).toContain('chat openai/gpt-5.5: drift:');
  });

  it('should list a floating model under floating: warn without failing --check', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: openai, model: gpt-5.5 }]
`);
    const { code, json } = await pins(['--config', config, '--check', '--format', 'json']);
    expect(code).toBe(0);
    expect(json()[0].problems).toEqual([expect.stringMatching(/^floating: model 'gpt-5\.5' floats/)]);
  });

  it('should fail --check on a floating model when the alias policy says error', async () => {
    const config = writeConfig(`versions: { floating: warn }
models:
  chat:
    versions: { floating: error }
    targets: [{ provider: openai, model: gpt-5.5 }]
`);
    const { code, stdout, stderr } = await pins(['--config', config, '--check']);
    expect(code).toBe(1);
    expect(stdout).toContain("chat openai/gpt-5.5: floating: model 'gpt-5.5' floats");
    expect(stderr).toContain("versions.floating is 'error'");
  });

  it('should fail --check on a retirement inside the window, and not outside it', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: openai, model: gpt-4o-2024-08-06 }]
`);
    const inside = await pins(['--config', config, '--check', '--format', 'json']);
    expect(inside.code).toBe(1);
    expect(inside.json()[0]).toMatchObject({ retiresOn: '2027-01-14', daysLeft: 52, problems: [expect.stringMatching(/^retiring: 'gpt-4o-2024-08-06' retires on 2027-01-14, in 52 day\(s\)/)] });
    const outside = await pins(['--config', config, '--check', '--within', '30d', '--format', 'json']);
    expect(outside.code).toBe(0);
    expect(outside.json()[0]).toMatchObject({ retiresOn: '2027-01-14', daysLeft: 52, problems: [] });
  });

  it('should fail --check on a model already retired, whatever the window', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: azure-east, model: prod-41 }]
`);
    const { code, json } = await pins(['--config', config, '--check', '--within', '0', '--format', 'json']);
    expect(code).toBe(1);
    expect(json()[0]).toMatchObject({ pin: 'gpt-4.1-2025-04-14', retiresOn: '2026-10-14', daysLeft: -40 });
    expect(json()[0].problems).toEqual([expect.stringMatching(/^retired: 'gpt-4\.1-2025-04-14' was retired on 2026-10-14/)]);
  });

  it('should exit 0 without --check even when there are problems', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: azure-east, model: prod-41 }]
`);
    expect((await pins(['--config', config])).code).toBe(0);
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--withn', '30d'], 'unknown option --withn (did you mean --within?)'],
    [['--within', 'soon'], '--within expects a number of days such as 90d or 30, not "soon"'],
    [['--format', 'yaml'], '--format must be table or json, not "yaml"'],
    [['--config'], '--config needs a value'],
    [['--config', '--check'], '--config needs a value'],
    [['--check=yes'], '--check takes no value'],
    [['extra'], 'unexpected argument "extra"'],
  ])('should reject %j with exit code 2', async (args, message) => {
    const { code, stderr, stdout } = await pins(args);
    expect(code).toBe(2);
    expect(stderr).toContain(`switchyard pins: ${message}`);
    expect(stderr).toContain('Usage: switchyard pins');
    expect(stdout).toBe('');
  });

  it('should report a bad config with its path and exit 2', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: openai, model: gpt-5.5, pinn: gpt-5.5-2026-04-23 }]
`);
    const { code, stderr } = await pins(['--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain('models.chat.targets[0]');
    expect(stderr).toContain('pinn');
  });

  it('should report a missing config file and exit 2', async () => {
    const { code, stderr } = await pins(['--config', join(dir, 'nope.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('the file does not exist');
  });

  it('should run without API keys, which it never sends', async () => {
    const config = writeConfig(`models:
  chat:
    targets: [{ provider: openai, model: gpt-5.5-2026-04-23 }]
`);
    const { code, stderr, json } = await pins(['--config', config, '--check', '--format', 'json'], {});
    expect(code).toBe(0);
    expect(stderr).toContain('note: OPENAI_API_KEY, AZURE_OPENAI_API_KEY, CW_KEY not set');
    expect(json()).toHaveLength(1);
  });

  it('should run without endpoints either: an unset endpoint gets a URL that cannot resolve', async () => {
    const path = join(dir, 'endpoints.yaml');
    writeFileSync(path, `providers:\n  azure: { type: azure-openai, endpoint: '\${AZURE_OPENAI_ENDPOINT}', apiKey: '\${AZURE_OPENAI_API_KEY}', apiVersion: 2024-10-21, deployments: { prod: { model: gpt-5.1-2025-11-13 } } }\nledger: { type: none }\nmodels:\n  chat: { targets: [{ provider: azure, model: prod }] }\n`);
    const { code, stderr, json } = await pins(['--config', path, '--check', '--format', 'json'], {});
    expect(code).toBe(0);
    expect(stderr).toContain('note: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY not set');
    expect(json()).toEqual([expect.objectContaining({ alias: 'chat', provider: 'azure', pin: 'gpt-5.1-2025-11-13', apiVersion: '2024-10-21' })]);
  });

  it('should not invent a ledger URL: a missing one is an error', async () => {
    const path = join(dir, 'pg.yaml');
    writeFileSync(path, `providers:\n  openai: { type: openai, apiKey: sk-test }\nledger: { type: postgres, url: '\${DATABASE_URL}' }\nmodels:\n  chat: { targets: [{ provider: openai, model: gpt-5.5-2026-04-23 }] }\n`);
    const { code, stderr } = await pins(['--config', path, '--check'], {});
    expect(code).toBe(2);
    expect(stderr).toContain('environment variable DATABASE_URL is not set');
  });

  it('should print its usage with --help', async () => {
    const { code, stdout } = await pins(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--within DAYS');
  });
});
