import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInvoice } from '../../src/metering/read-invoice.ts';
import { parseCsv } from '../../src/metering/parse-csv.ts';
import { cli, createCliFixture } from './cli-fixture.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const azureExport = join(FIXTURES, 'azure-cost-export.csv');
const gcpExport = join(FIXTURES, 'gcp-billing-export.csv');
let fixture: Awaited<ReturnType<typeof createCliFixture>>;
beforeAll(async () => {
  fixture = await createCliFixture();
});
afterAll(() => fixture.cleanup());

describe('readInvoice', () => {
  it('should read an Azure cost details export: day, resource, service and exact USD per line', () => {
    const invoice = readInvoice(readFileSync(azureExport, 'utf8'));
    expect(invoice.format).toBe('azure-cost-export');
    expect(invoice.lines).toEqual([
      { day: '2026-11-20', resource: 'contoso-east', service: 'Microsoft.CognitiveServices', costNanoUsd: 5_000_000_000n, tier: 'standard' },
      { day: '2026-11-20', resource: 'contoso-east', service: 'Microsoft.CognitiveServices', costNanoUsd: 1_000_000_000n, tier: 'standard' },
      { day: '2026-11-21', resource: 'contoso-east', service: 'Microsoft.CognitiveServices', costNanoUsd: 2_750_000_000n, tier: 'standard' },
      { day: '2026-11-21', resource: 'contoso-search', service: 'Microsoft.Search', costNanoUsd: 3_100_000_000n, tier: 'standard' },
    ]);
  });

  it('should read a Google Cloud billing export, keep Vertex AI lines and convert them to USD', () => {
    const invoice = readInvoice(readFileSync(gcpExport, 'utf8'));
    expect(invoice.format).toBe('gcp-billing-export');
    expect(invoice.lines.map((l) => [l.day, l.resource, l.costNanoUsd])).toEqual([
      ['2026-11-20', 'acme-ai', 1_000_000_000n], // 0.90 EUR at 0.9 EUR per USD
      ['2026-11-20', 'acme-ai', 400_000_000n],
      ['2026-11-21', 'acme-ai', 500_000_000n],
    ]);
  });

  it('should refuse an export in another currency without a USD column, and an unknown file', () => {
    const text = readFileSync(azureExport, 'utf8').replaceAll(',USD,', ',EUR,');
    expect(() => readInvoice(text)).toThrow('line 2: the cost is in EUR, not USD; export with the CostInUsd column');
    expect(() => readInvoice('a,b\n1,2\n')).toThrow(/not a known cost export.*found columns a, b/);
    expect(readInvoice('Date,ResourceName,CostInUsd\n2026-11-20,r,1.2E-05\n').lines[0].costNanoUsd).toBe(12_000n);
  });
});

describe('switchyard reconcile', () => {
  it('should compare the ledger with an Azure export per provider and day, and exit 3 past the tolerance', async () => {
    const { code, stdout, stderr } = await cli(fixture.dir, ['reconcile', '--config', fixture.config, '--invoice', azureExport]);
    expect(code).toBe(3);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Ledger vs Azure cost details export, 2026-11-20 to 2026-11-22 (UTC)');
    expect(lines[4]).toMatch(/^azure-east\s+2026-11-20\s+6\.0000\s+6\.0000\s+0\.0000\s+0\.0%$/);
    expect(lines[5]).toMatch(/^azure-east\s+2026-11-21\s+2\.5000\s+2\.7500\s+\+0\.2500\s+\+10\.0%$/);
    expect(lines[7]).toMatch(/^TOTAL\s+8\.5000\s+8\.7500\s+\+0\.2500$/);
    expect(lines[9]).toBe('Per capacity tier (from the meter names; spilled-over attempts are billed as standard):');
    expect(lines[13]).toMatch(/^azure-east\s+2026-11-20\s+standard\s+6\.0000\s+6\.0000\s+0\.0000\s+0\.0%$/);
    expect(lines[14]).toMatch(/^azure-east\s+2026-11-21\s+standard\s+2\.5000\s+2\.7500\s+\+0\.2500\s+\+10\.0%$/);
    expect(stdout).toContain('1 provider-day(s) and 1 provider-day tier(s) differ by more than 5%');
    expect(stderr).toContain('3.10 USD on the invoice for resource "contoso-search" matches no provider; add --map contoso-search=<provider id>');
    const lenient = await cli(fixture.dir, ['reconcile', '--config', fixture.config, '--invoice', azureExport, '--tolerance', '12']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('every provider and day, and every capacity tier, is within 12%');
  });

  it('should compare the ledger with a Google Cloud billing export, matched by the Vertex project', async () => {
    const { code, stdout } = await cli(fixture.dir, ['reconcile', '--config', fixture.config, '--invoice', gcpExport, '--format', 'csv']);
    expect(code).toBe(0);
    expect(parseCsv(stdout)).toEqual([
      ['provider', 'day', 'capacity', 'ledger_usd', 'invoice_usd', 'difference_usd', 'difference_percent'],
      ['vertex', '2026-11-20', 'on-demand', '1.400000000', '1.400000000', '0.000000000', '0.0000'],
      ['vertex', '2026-11-21', 'on-demand', '0.500000000', '0.500000000', '0.000000000', '0.0000'],
      ['TOTAL', '', '', '1.900000000', '1.900000000', '0.000000000', ''],
    ]);
  });

  it('should map invoice resources to providers with --map when reading a ledger without a config', async () => {
    const { code, stdout, stderr } = await cli(fixture.dir, ['reconcile', '--ledger', 'data/ledger.sqlite', '--invoice', azureExport, '--map', 'contoso-east=azure-east', '--since', '2026-11-20', '--until', '2026-11-21', '--format', 'json']);
    expect(code).toBe(0);
    // This ledger's attempts carry no capacity and no config says the provider's tier: compared per day only, and said so.
    expect(stderr).toContain('note: azure-east on 2026-11-20 is not compared per capacity tier: the ledger has attempts recorded without one');
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'azure-cost-export',
      rows: [{ provider: 'azure-east', day: '2026-11-20', ledgerNanoUsd: '6000000000', invoiceNanoUsd: '6000000000', differenceNanoUsd: '0', differencePercent: 0 }],
      unmatched: [],
      tiers: [],
      untiered: [{ provider: 'azure-east', day: '2026-11-20' }],
    });
  });

  it('should exit 2 for bad options and 1 for an unreadable invoice', async () => {
    expect((await cli(fixture.dir, ['reconcile', '--config', fixture.config])).stderr).toContain('--invoice FILE is required');
    const badMap = await cli(fixture.dir, ['reconcile', '--ledger', 'x.sqlite', '--invoice', azureExport, '--map', 'contoso-east']);
    expect(badMap).toMatchObject({ code: 2 });
    expect(badMap.stderr).toContain('--map contoso-east: expected RESOURCE=PROVIDER');
    const euro = join(fixture.dir, 'eur.csv');
    writeFileSync(euro, readFileSync(azureExport, 'utf8').replaceAll(',USD,', ',EUR,'));
    const unreadable = await cli(fixture.dir, ['reconcile', '--config', fixture.config, '--invoice', euro]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('switchyard reconcile: line 2: the cost is in EUR, not USD');
  });
});
