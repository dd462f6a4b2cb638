import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCostReport } from '../../metering/build-cost-report.ts';
import { isCapacityBilling, type CapacityBilling } from '../../metering/capacity-cost.ts';
import { parseReportTime } from '../../metering/parse-report-time.ts';
import { isReportDimension, type ReportDimension } from '../../metering/report-dimension.ts';
import { CliUsageError, type CliCommand } from '../cli-command.ts';
import { formatReportCsv } from '../format-report-csv.ts';
import { formatReportHtml } from '../format-report-html.ts';
import { formatReportJson } from '../format-report-json.ts';
import { formatReportTable } from '../format-report-table.ts';
import { loadMeteringConfig } from '../load-metering-config.ts';
import { openLedger } from '../open-ledger.ts';
import { parseFlags } from '../parse-flags.ts';

const FORMATS = ['table', 'csv', 'json', 'html'] as const;

/** `switchyard report`: cost per provider (or model, alias, day, hour, capacity tier, tag) over a period, from the ledger. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'cost per provider, model, alias, day, hour, capacity tier or tag over a period, from the ledger',
  usage: `Usage: switchyard report [--config FILE] --since DATE [--until DATE] [--by provider[,day]] [--format table|csv|json|html] [--out FILE]

  --config FILE    the Switchyard config: its ledger, and providers' billing for capacity cost
                   (default: switchyard.yaml, unless --ledger is given)
  --ledger PATH    read this ledger instead: a SQLite file (it must exist), or a postgres:// URL
  --since DATE     start, inclusive: 2026-11-01, 2026-11-01T08:00:00Z, or a span back from now: 7d, 24h
  --until DATE     end, exclusive (default: now)
  --by LIST        group by, comma-separated: provider, model, alias, day, hour, capacity, tag:<name> (default: provider);
                   capacity is the tier that served: provisioned, spillover, on-demand, priority, flex, standard
  --format FORMAT  table (default), csv, json, or html (one self-contained page with charts: cost per provider
                   and per capacity tier per day, and tokens per hour against each provisioned capacity)
  --out FILE       write to FILE instead of standard output

Exit codes: 0 done, 1 the ledger could not be read (a missing file is named) or --out could not be written,
2 bad options or an invalid config (the message names the key).`,
  async run(args, io) {
    const flags = parseFlags(args, {
      config: { type: 'string' },
      ledger: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      by: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    // Like `pins`: the config in the working directory unless told otherwise (a --ledger alone needs none).
    const configFile = (flags.config as string | undefined) ?? (flags.ledger === undefined ? 'switchyard.yaml' : undefined);
    if (flags.since === undefined) throw new CliUsageError('--since is required, for example --since 7d or --since 2026-11-01');
    const now = io.now();
    const since = parseReportTime(flags.since as string, now);
    if (since === null) throw new CliUsageError(`--since ${flags.since}: expected an ISO date (2026-11-01), a date-time (2026-11-01T08:00:00Z) or a span (7d, 24h)`);
    const until = flags.until === undefined ? now : parseReportTime(flags.until as string, now);
    if (until === null) throw new CliUsageError(`--until ${flags.until}: expected an ISO date (2026-11-30), a date-time or a span (1d)`);
    if (until <= since) throw new CliUsageError(`--until (${new Date(until).toISOString()}) must be after --since (${new Date(since).toISOString()})`);
    const groupBy = ((flags.by as string | undefined) ?? 'provider').split(',').map((d) => d.trim()).filter(Boolean);
    const bad = groupBy.filter((d) => !isReportDimension(d));
    if (bad.length > 0) throw new CliUsageError(`--by ${bad.join(',')}: expected provider, model, alias, day, hour, capacity or tag:<name>, comma-separated`);
    const format = (flags.format as string | undefined) ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`--format ${format}: expected table, csv, json or html`);

    const loaded = configFile === undefined ? undefined : loadMeteringConfig(configFile, io);
    for (const note of loaded?.notes ?? []) io.stderr.write(`${note}\n`);
    const capacity: Record<string, CapacityBilling> = {};
    for (const [id, provider] of Object.entries(loaded?.config.providers ?? {})) if (isCapacityBilling(provider.billing)) capacity[id] = provider.billing;
    const store = openLedger(flags.ledger as string | undefined, loaded?.config.ledger, loaded?.baseDir ?? io.cwd, io.cwd);
    let text: string;
    try {
      const report = await buildCostReport({ store, capacity, since, until, groupBy: groupBy as ReportDimension[] });
      if (format === 'html') {
        const [byProvider, byTier] = await Promise.all([
          buildCostReport({ store, capacity, since, until, groupBy: ['provider', 'day'] }),
          buildCostReport({ store, capacity, since, until, groupBy: ['day', 'capacity'] }),
        ]);
        text = formatReportHtml(report, byProvider, byTier);
      } else text = format === 'csv' ? formatReportCsv(report) : format === 'json' ? formatReportJson(report) : formatReportTable(report);
    } finally {
      await store.close();
    }
    if (flags.out !== undefined) {
      const out = resolve(io.cwd, flags.out as string);
      writeFileSync(out, text);
      io.stderr.write(`wrote ${out}\n`);
    } else io.stdout.write(text);
    return 0;
  },
};
