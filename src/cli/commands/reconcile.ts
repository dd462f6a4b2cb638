import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isCapacityBilling, type CapacityBilling } from '../../metering/capacity-cost.ts';
import { formatNanoUsd } from '../../metering/nano-usd.ts';
import { parseReportTime } from '../../metering/parse-report-time.ts';
import { readInvoice } from '../../metering/read-invoice.ts';
import { reconcileCosts, type ReconcileRow, type Reconciliation } from '../../metering/reconcile-costs.ts';
import { providerDefinitions } from '../../config/provider-definitions.ts';
import { targetCapacity, type CapacityProviderConfig } from '../../router/target-capacity.ts';
import type { CapacityTier } from '../../types/capacity-tier.ts';
import { CliUsageError, type CliCommand } from '../cli-command.ts';
import { loadMeteringConfig, type MeteringConfigFile } from '../load-metering-config.ts';
import { openLedger } from '../open-ledger.ts';
import { parseFlags } from '../parse-flags.ts';

/**
 * `switchyard reconcile`: ledger cost against an Azure or Google Cloud cost export, per provider and day, and per
 * capacity tier where the export has it (Azure meter names, Google SKU descriptions).
 */
export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'compare ledger cost with an Azure cost export or a Google Cloud billing export, per provider, day and capacity tier',
  usage: `Usage: switchyard reconcile --invoice FILE [--config FILE | --ledger PATH] [--map RESOURCE=PROVIDER]... [--since DATE] [--until DATE] [--tolerance PERCENT] [--format table|csv|json]

  --invoice FILE     an Azure Cost Management cost details export (CSV) or a Google Cloud billing export (CSV)
  --config FILE      the Switchyard config: its ledger, and which resource is which provider
                     (Azure: the resource name in the endpoint URL; Vertex: the project)
                     (default: switchyard.yaml, unless --ledger is given)
  --ledger PATH      the ledger to read (a SQLite file, which must exist, or a postgres:// URL), instead of the config's
  --map R=P          bill resource R (Azure resource name, Google Cloud project id) to provider P; repeatable
  --since, --until   the period (default: the days on the invoice)
  --tolerance PCT    a difference above this percentage of the ledger amount fails the check (default 5)
  --format FORMAT    table (default), csv or json

Where the export names the meter (Azure MeterName) or SKU (Google sku.description), each provider and day is also
compared per capacity tier (provisioned, standard or on-demand, priority, flex), and a tier past the tolerance fails
the check even when the day's total agrees. Spilled-over attempts are billed as standard usage; PTU hours and
Provisioned Throughput are the provisioned tier.

Exit codes: 0 every difference within tolerance, 3 some difference above it, 1 a file could not be read,
2 bad options or an invalid config (the message names the key).`,
  async run(args, io) {
    const flags = parseFlags(args, {
      invoice: { type: 'string' },
      config: { type: 'string' },
      ledger: { type: 'string' },
      map: { type: 'string', multiple: true },
      since: { type: 'string' },
      until: { type: 'string' },
      tolerance: { type: 'string' },
      format: { type: 'string' },
    });
    if (flags.invoice === undefined) throw new CliUsageError('--invoice FILE is required');
    const configFile = (flags.config as string | undefined) ?? (flags.ledger === undefined ? 'switchyard.yaml' : undefined);
    const tolerance = Number((flags.tolerance as string | undefined) ?? '5');
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new CliUsageError(`--tolerance ${flags.tolerance}: expected a percentage such as 5`);
    const format = (flags.format as string | undefined) ?? 'table';
    if (!['table', 'csv', 'json'].includes(format)) throw new CliUsageError(`--format ${format}: expected table, csv or json`);
    const bound = (name: 'since' | 'until') => {
      if (flags[name] === undefined) return undefined;
      const value = parseReportTime(flags[name] as string, io.now());
      if (value === null) throw new CliUsageError(`--${name} ${flags[name]}: expected an ISO date (2026-11-01) or a span (7d)`);
      return value;
    };
    const [since, until] = [bound('since'), bound('until')];
    const mapping = new Map<string, string>();
    for (const entry of (flags.map as string[] | undefined) ?? []) {
      const at = entry.indexOf('=');
      if (at <= 0 || at === entry.length - 1) throw new CliUsageError(`--map ${entry}: expected RESOURCE=PROVIDER, for example contoso-east=azure-east`);
      mapping.set(entry.slice(0, at).toLowerCase(), entry.slice(at + 1));
    }

    const loaded = configFile === undefined ? undefined : loadMeteringConfig(configFile, io);
    for (const note of loaded?.notes ?? []) io.stderr.write(`${note}\n`);
    for (const [resource, provider] of resourcesOf(loaded)) if (!mapping.has(resource)) mapping.set(resource, provider);
    const capacity: Record<string, CapacityBilling> = {};
    for (const [id, provider] of Object.entries(loaded?.config.providers ?? {})) if (isCapacityBilling(provider.billing)) capacity[id] = provider.billing;
    const invoicePath = resolve(io.cwd, flags.invoice as string);
    const invoice = readInvoice(readFileSync(invoicePath, 'utf8'));
    const store = openLedger(flags.ledger as string | undefined, loaded?.config.ledger, loaded?.baseDir ?? io.cwd, io.cwd);
    const defaults = defaultCapacities(loaded);
    let result: Reconciliation;
    try {
      result = await reconcileCosts({
        store,
        capacity,
        invoice,
        providerOf: (r) => mapping.get(r),
        defaultCapacity: (provider) => defaults.get(provider),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
      });
    } finally {
      await store.close();
    }
    const past = (r: ReconcileRow) => (r.differencePercent === null ? r.invoiceNanoUsd !== 0n : Math.abs(r.differencePercent) > tolerance);
    const over = result.rows.filter(past).length;
    const overTiers = result.tiers.filter(past).length;
    io.stdout.write(format === 'json' ? json(result, invoice.format) : format === 'csv' ? csv(result) : table(result, invoice.format, tolerance, over, overTiers));
    for (const u of result.untiered) {
      io.stderr.write(`note: ${u.provider} on ${u.day} is not compared per capacity tier: the ledger has attempts recorded without one (written before Switchyard recorded capacity); pass --config so that they count at the provider's tier\n`);
    }
    for (const u of result.unmatched) {
      io.stderr.write(`note: ${formatNanoUsd(u.costNanoUsd, 2)} USD on the invoice for resource "${u.resource}" matches no provider; add --map ${u.resource}=<provider id> to compare it\n`);
    }
    return over > 0 || overTiers > 0 ? 3 : 0;
  },
};

/** The tier each configured provider's attempts were served in when the ledger recorded none (older ledgers). */
function defaultCapacities(loaded: MeteringConfigFile | undefined): Map<string, CapacityTier> {
  const map = new Map<string, CapacityTier>();
  const definitions = providerDefinitions(undefined);
  for (const [id, p] of Object.entries(loaded?.config.providers ?? {})) {
    const tier = targetCapacity(definitions.get(p.type), p as CapacityProviderConfig, { model: '' }).expected;
    if (tier) map.set(id, tier);
  }
  return map;
}

/** Invoice resource (lower case) -> provider id, from the config: provider ids, Azure endpoint hosts, Vertex projects. */
function resourcesOf(loaded: MeteringConfigFile | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, p] of Object.entries(loaded?.config.providers ?? {})) {
    map.set(id.toLowerCase(), id);
    if (typeof p.resourceName === 'string') map.set(p.resourceName.toLowerCase(), id);
    if (typeof p.endpoint === 'string') {
      const host = /^https?:\/\/([^./]+)\./i.exec(p.endpoint)?.[1];
      if (host) map.set(host.toLowerCase(), id);
    }
    if (p.type === 'vertex' && typeof p.project === 'string') map.set(p.project.toLowerCase(), id);
  }
  return map;
}

function table(r: Reconciliation, format: string, tolerance: number, over: number, overTiers: number): string {
  const source = format === 'azure-cost-export' ? 'Azure cost details export' : 'Google Cloud billing export';
  const out = [`Ledger vs ${source}, ${day(r.since)} to ${day(r.until)} (UTC)`, ''];
  const amounts = (x: ReconcileRow) => [formatNanoUsd(x.ledgerNanoUsd, 4), formatNanoUsd(x.invoiceNanoUsd, 4), signed(x.differenceNanoUsd), percent(x.differencePercent)];
  const total = ['TOTAL', '', formatNanoUsd(r.ledgerNanoUsd, 4), formatNanoUsd(r.invoiceNanoUsd, 4), signed(r.invoiceNanoUsd - r.ledgerNanoUsd), ''];
  out.push(...grid(['provider', 'day', 'ledger USD', 'invoice USD', 'difference USD', 'difference'], 2, r.rows.map((x) => [x.provider, x.day, ...amounts(x)]), total));
  if (r.tiers.length > 0) {
    out.push('', `Per capacity tier (${format === 'azure-cost-export' ? 'from the meter names' : 'from the SKU descriptions'}; spilled-over attempts are billed as standard):`, '');
    out.push(...grid(['provider', 'day', 'capacity', 'ledger USD', 'invoice USD', 'difference USD', 'difference'], 3, r.tiers.map((x) => [x.provider, x.day, x.capacity, ...amounts(x)])));
  }
  const verdict =
    over === 0 && overTiers === 0
      ? `every provider and day${r.tiers.length > 0 ? ', and every capacity tier,' : ''} is within ${tolerance}%`
      : [over > 0 ? `${over} provider-day(s)` : '', overTiers > 0 ? `${overTiers} provider-day tier(s)` : ''].filter(Boolean).join(' and ') + ` differ by more than ${tolerance}%`;
  out.push('', verdict, '');
  return out.join('\n');
}

/** An aligned table: the first `text` columns left-aligned, the rest right-aligned; a rule and `total` last when given. */
function grid(header: string[], text: number, rows: string[][], total?: string[]): string[] {
  const all = total ? [...rows, total] : rows;
  const widths = header.map((h, i) => Math.max(h.length, ...all.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < text ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line), ...(total ? [rule, line(total)] : [])];
}

/** Per provider and day, split by capacity tier for the providers whose export lines have one; the rows add up to TOTAL. */
function csv(r: Reconciliation): string {
  const lines = ['provider,day,capacity,ledger_usd,invoice_usd,difference_usd,difference_percent'];
  const tiered = new Set(r.tiers.map((x) => x.provider));
  const cells = (x: ReconcileRow, capacity: string) => [x.provider, x.day, capacity, formatNanoUsd(x.ledgerNanoUsd), formatNanoUsd(x.invoiceNanoUsd), formatNanoUsd(x.differenceNanoUsd), x.differencePercent === null ? '' : x.differencePercent.toFixed(4)].join(',');
  const rows = [...r.rows.filter((x) => !tiered.has(x.provider)).map((x) => ({ x, capacity: '' })), ...r.tiers.map((x) => ({ x, capacity: x.capacity }))];
  rows.sort((a, b) => a.x.provider.localeCompare(b.x.provider) || a.x.day.localeCompare(b.x.day) || a.capacity.localeCompare(b.capacity));
  for (const { x, capacity } of rows) lines.push(cells(x, capacity));
  lines.push(['TOTAL', '', '', formatNanoUsd(r.ledgerNanoUsd), formatNanoUsd(r.invoiceNanoUsd), formatNanoUsd(r.invoiceNanoUsd - r.ledgerNanoUsd), ''].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function json(r: Reconciliation, format: string): string {
  const value = { format, ...r, since: new Date(r.since).toISOString(), until: new Date(r.until).toISOString() };
  return `${JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

const signed = (nano: bigint) => (nano > 0n ? '+' : '') + formatNanoUsd(nano, 4);
const percent = (p: number | null) => (p === null ? 'n/a' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
