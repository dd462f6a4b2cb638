import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/metering/parse-csv.ts';
import { cli, CONFIG_YAML, createCliFixture } from './cli-fixture.ts';

const run = promisify(execFile);
let fixture: Awaited<ReturnType<typeof createCliFixture>>;
beforeAll(async () => {
  fixture = await createCliFixture();
});
afterAll(() => fixture.cleanup());

describe('switchyard report', () => {
  it('should print a table with aligned columns, capacity cost and a TOTAL row', async () => {
    const { code, stdout } = await cli(fixture.dir, ['report', '--config', fixture.config, '--since', '2026-11-20', '--by', 'provider']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Cost report by provider, 2026-11-20T00:00:00Z to 2026-11-22T00:00:00Z (UTC)');
    const table = lines.slice(2, 9);
    expect(table[0]).toMatch(/^provider\s+requests\s+errors\s+input tok\s+cached\s+output tok\s+reasoning\s+token USD\s+capacity USD\s+total USD\s+USD\/M tok\s+util\s+p50 ms\s+p95 ms$/);
    // Every line of the table has the same width: numbers are right-aligned to the last column.
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[2]).toMatch(/^azure-east\s+3\s+1\s+3,000,000\s+0\s+100,000\s+0\s+8\.500000\s+0\.000000\s+8\.500000\s+2\.7419\s+-\s+700\s+790$/);
    expect(table[3]).toMatch(/^ptu\s+1\s+0\s+1,440,000\s.*\s96\.000000\s+96\.000000\s+66\.6667\s+25\.0%\s+200\s+200$/);
    expect(table[6]).toMatch(/^TOTAL\s+6\s+1\s+19,440,000\s.*\s10\.400000\s+96\.000000\s+106\.400000\s/);
    expect(stdout).toContain('ptu (provisioned): 96.00 USD for 48.0 h, 1,440,000 tokens served, 66.6667 USD per million tokens served, utilisation 25.0%');
  });

  it('should write CSV with a header, one row per group and a last row labelled TOTAL', async () => {
    const { code, stdout } = await cli(fixture.dir, ['report', '--config', fixture.config, '--since', '2d', '--by', 'provider,day', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(stdout);
    expect(header.slice(0, 6)).toEqual(['provider', 'day', 'requests', 'errors', 'aborted', 'unpriced']);
    expect(header).toContain('total_cost_usd');
    const total = rows.at(-1)!;
    expect(total.slice(0, 3)).toEqual(['TOTAL', '', '6']);
    const costColumn = header.indexOf('total_cost_usd');
    expect(rows.slice(0, -1).map((r) => [r[0], r[1], r[costColumn]])).toEqual([
      ['azure-east', '2026-11-20', '6.000000000'],
      ['azure-east', '2026-11-21', '2.500000000'],
      ['ptu', '2026-11-20', '48.000000000'],
      ['ptu', '2026-11-21', '48.000000000'],
      ['vertex', '2026-11-20', '1.400000000'],
      ['vertex', '2026-11-21', '0.500000000'],
    ]);
    expect(total[costColumn]).toBe('106.400000000');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('should write JSON with exact amounts as strings', async () => {
    const { code, stdout } = await cli(fixture.dir, ['report', '--config', fixture.config, '--since', '2026-11-20T00:00:00Z', '--until', '2026-11-21', '--by', 'tag:tenant', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z', groupBy: ['tag:tenant'] });
    expect(report.rows.map((r: { group: Record<string, string> }) => r.group['tag:tenant'])).toEqual(['acme', null]);
    expect(report.rows[0]).toMatchObject({ tokenCostNanoUsd: '7400000000', requests: 2 });
    expect(report.total).toMatchObject({ costNanoUsd: '55400000000', capacityCostNanoUsd: '48000000000' });
  });

  it('should read a report without the API keys the providers need, and never print a secret', async () => {
    const { code, stdout, stderr } = await cli(fixture.dir, ['report', '--config', 'switchyard.yaml', '--since', '2026-11-20'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('TOTAL');
    expect(stderr).toContain('does not load as a whole');
    expect(stderr).toContain('AZURE_OPENAI_API_KEY');
    const withKey = await cli(fixture.dir, ['report', '--config', 'switchyard.yaml', '--since', '2026-11-20'], { AZURE_OPENAI_API_KEY: 'sk-very-secret-4242' });
    expect(withKey.stdout + withKey.stderr).not.toContain('sk-very-secret-4242');
  });

  it('should read a report when an endpoint variable is not set either, and say what it left out', async () => {
    writeFileSync(join(fixture.dir, 'endpoint.yaml'), `providers:\n  azure-east: { type: azure-openai, endpoint: '\${AZURE_OPENAI_ENDPOINT}', apiKey: '\${AZURE_OPENAI_API_KEY}', apiVersion: 2024-10-21 }\nledger: { type: sqlite, path: data/ledger.sqlite }\n`);
    const { code, stdout, stderr } = await cli(fixture.dir, ['report', '--config', 'endpoint.yaml', '--since', '2026-11-20'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('TOTAL');
    expect(stderr).toContain('left out because their environment variables are not set: providers.azure-east.endpoint');
  });

  it('should read a flow-style config whose API key is not set, and never quote a JSON config that does not parse', async () => {
    writeFileSync(
      join(fixture.dir, 'flow.yaml'),
      'providers:\n  openai: { type: openai, apiKey: ${OPENAI_API_KEY}, prices: { gpt-4o: { input: 2.5, output: 10 } } }\nmodels:\n  chat: { targets: [{ provider: openai, model: gpt-4o }] }\nledger: { type: sqlite, path: data/ledger.sqlite }\n',
    );
    const flow = await cli(fixture.dir, ['report', '--config', 'flow.yaml', '--since', '2026-11-20'], {});
    expect(flow.stderr).toContain('OPENAI_API_KEY');
    expect(flow.code).toBe(0);
    expect(flow.stdout).toMatch(/^TOTAL\s+6\s+1\s/m);

    writeFileSync(join(fixture.dir, 'broken.json'), '{"providers": {"openai": {"type": "openai", "apiKey": sk-proj-Zx81kQ2mN5vB7cR9tY3wE6uI}}}');
    const broken = await cli(fixture.dir, ['report', '--config', 'broken.json', '--since', '2026-11-20']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('JSON syntax error: an unexpected character');
    expect(broken.stderr).not.toContain('sk-proj');
  });

  it('should read the ledger given with --ledger', async () => {
    const { code, stdout } = await cli(fixture.dir, ['report', '--ledger', 'data/ledger.sqlite', '--since', '2026-11-20', '--by', 'model', '--format', 'csv']);
    expect(code).toBe(0);
    expect(parseCsv(stdout).map((r) => r[0])).toEqual(['model', 'gemini-2.0-flash-001', 'gpt-4o-2024-08-06', 'TOTAL']);
  });

  it.each([
    [['report', '--config', 'switchyard.yaml'], '--since is required'],
    [['report', '--config', 'switchyard.yaml', '--since', 'last tuesday'], '--since last tuesday: expected an ISO date'],
    [['report', '--config', 'switchyard.yaml', '--since', '1d', '--until', '2d'], 'must be after --since'],
    [['report', '--config', 'switchyard.yaml', '--since', '7d', '--by', 'provider,tenant'], '--by tenant: expected provider, model, alias, day, hour, capacity or tag:<name>'],
    [['report', '--config', 'switchyard.yaml', '--since', '7d', '--format', 'xlsx'], '--format xlsx: expected table, csv, json or html'],
    [['report', '--config', 'switchyard.yaml', '--sinse', '7d'], 'unknown option --sinse (did you mean --since?)'],
    [['report', '--config', 'switchyard.yaml', '--since'], '--since needs a value'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('should exit 2 with a clear message for bad options: %j', async (args, message) => {
    const { code, stderr, stdout } = await cli(fixture.dir, args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('should exit 2 when the config cannot be read, as for a bad option, and 0 for --help', async () => {
    const missing = await cli(fixture.dir, ['report', '--config', 'nope.yaml', '--since', '7d']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/switchyard report: .*nope\.yaml/);
    const help = await cli(fixture.dir, ['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: switchyard report [--config FILE] --since DATE');
  });

  it('should run directly with Node: node src/cli/main.ts report …, writing --out', async () => {
    const out = join(fixture.dir, 'report.csv');
    const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
    const { stdout, stderr } = await run(process.execPath, [main, 'report', '--config', fixture.config, '--since', '2026-11-20', '--until', '2026-11-22', '--format', 'csv', '--out', out], {
      env: { ...process.env, AZURE_OPENAI_API_KEY: 'test-key' },
      timeout: 30_000,
    });
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8').split('\r\n').at(-2)).toMatch(/^TOTAL,6,1,/);
    const failed = await run(process.execPath, [main, 'report', '--since', '1d']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
  });
});

describe('switchyard report: the ledger and the config it reads', () => {
  it('should fail, naming the path, when --ledger names a file that does not exist, and not create it', async () => {
    const { code, stdout, stderr } = await cli(fixture.dir, ['report', '--ledger', 'data/typo.sqlite', '--since', '2026-11-20']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`switchyard report: there is no ledger at ${join(fixture.dir, 'data', 'typo.sqlite')}: nothing was recorded there, or the path is wrong (check the --ledger path).`);
    expect(existsSync(join(fixture.dir, 'data', 'typo.sqlite'))).toBe(false);
  });

  it("should fail the same way when the config's ledger file does not exist", async () => {
    writeFileSync(join(fixture.dir, 'elsewhere.yaml'), CONFIG_YAML.replace('path: data/ledger.sqlite', 'path: data/other.sqlite'));
    const { code, stderr } = await cli(fixture.dir, ['report', '--config', 'elsewhere.yaml', '--since', '2026-11-20']);
    expect(code).toBe(1);
    expect(stderr).toContain(`there is no ledger at ${join(fixture.dir, 'data', 'other.sqlite')}`);
    expect(existsSync(join(fixture.dir, 'data', 'other.sqlite'))).toBe(false);
  });

  it('should read switchyard.yaml in the working directory when no --config is given, like pins', async () => {
    const { code, stdout } = await cli(fixture.dir, ['report', '--since', '2026-11-20', '--until', '2026-11-22']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^TOTAL\s+6\s+1\s/m);
    const empty = mkdtempSync(join(tmpdir(), 'switchyard-no-config-'));
    const none = await cli(empty, ['report', '--since', '7d']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`cannot read the config file ${join(empty, 'switchyard.yaml')}: the file does not exist`);
  });

  it('should exit with the same code, 2, for an invalid config in report, reconcile and pins, as documented in --help', async () => {
    writeFileSync(join(fixture.dir, 'invalid.yaml'), 'providers:\n  openai: { type: openai }\nledger: { type: sqlit }\n');
    const invoice = join(fixture.dir, 'invoice.csv');
    writeFileSync(invoice, 'Date,ResourceId,MeterCategory,CostInBillingCurrency\n');
    for (const args of [['report', '--config', 'invalid.yaml', '--since', '7d'], ['reconcile', '--config', 'invalid.yaml', '--invoice', invoice], ['pins', '--config', 'invalid.yaml']]) {
      const { code, stderr } = await cli(fixture.dir, args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain('ledger.type');
    }
    for (const command of ['report', 'reconcile', 'pins']) expect((await cli(fixture.dir, [command, '--help'])).stdout).toMatch(/2 bad options,? (or )?an invalid config/);
    expect((await cli(fixture.dir, ['--help'])).stdout).toContain('2 bad options or an invalid config');
  });
});

describe('switchyard', () => {
  it('should print its version for --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await cli(fixture.dir, [flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('should list the commands for --help (exit 0) and without a command (exit 2)', async () => {
    const help = await cli(fixture.dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: switchyard <command> \[options\][\s\S]*report\s+cost per provider[\s\S]*reconcile\s+compare ledger cost/);
    const none = await cli(fixture.dir, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: switchyard <command>');
  });
});
