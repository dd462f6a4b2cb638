import { buildCostReport } from './build-cost-report.ts';
import type { CapacityBilling } from './capacity-cost.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { Invoice } from './read-invoice.ts';
import { withJsonAmounts } from './with-json-amounts.ts';

/** The ledger and the invoice for one provider and day. */
export interface ReconcileRow {
  provider: string;
  day: string;
  /** What the ledger says (token cost plus capacity cost), exact. */
  ledgerNanoUsd: bigint;
  /** What the invoice says, exact. */
  invoiceNanoUsd: bigint;
  /** `invoice - ledger`: positive when billed more than metered. */
  differenceNanoUsd: bigint;
  /** The difference as a percentage of the ledger amount, or null when the ledger has nothing. */
  differencePercent: number | null;
}

/** The comparison of a ledger with an invoice. */
export interface Reconciliation {
  since: number;
  until: number;
  rows: ReconcileRow[];
  ledgerNanoUsd: bigint;
  invoiceNanoUsd: bigint;
  /** Invoice resources that match no provider, with their cost: map them to see them compared. */
  unmatched: Array<{ resource: string; costNanoUsd: bigint }>;
}

/** What `reconcileCosts` compares. */
export interface ReconcileInput {
  store: LedgerStore;
  /** Capacity-billed providers by id (their hourly cost is on the invoice too). */
  capacity: Record<string, CapacityBilling>;
  invoice: Invoice;
  /** The provider id an invoice resource (Azure resource name, Google Cloud project id, lower case) belongs to. */
  providerOf: (resource: string) => string | undefined;
  /** @default the first day on the invoice */
  since?: number;
  /** @default the day after the last day on the invoice */
  until?: number;
}

/**
 * Compares ledger cost with invoice cost per provider and UTC day, for the providers that appear on the invoice.
 */
export async function reconcileCosts({ store, capacity, invoice, providerOf, since, until }: ReconcileInput): Promise<Reconciliation> {
  const days = invoice.lines.map((l) => Date.parse(`${l.day}T00:00:00Z`));
  const from = since ?? (days.length > 0 ? Math.min(...days) : 0);
  const to = until ?? (days.length > 0 ? Math.max(...days) + 86_400_000 : 0);
  const billed = new Map<string, bigint>();
  const unmatched = new Map<string, bigint>();
  const providers = new Set<string>();
  for (const line of invoice.lines) {
    const time = Date.parse(`${line.day}T00:00:00Z`);
    if (time < from || time >= to) continue;
    const provider = providerOf(line.resource);
    if (provider === undefined) {
      unmatched.set(line.resource, (unmatched.get(line.resource) ?? 0n) + line.costNanoUsd);
      continue;
    }
    providers.add(provider);
    const key = `${provider}\u0000${line.day}`;
    billed.set(key, (billed.get(key) ?? 0n) + line.costNanoUsd);
  }
  const relevantCapacity = Object.fromEntries(Object.entries(capacity).filter(([id]) => providers.has(id)));
  const report = await buildCostReport({ store, capacity: relevantCapacity, since: from, until: to, groupBy: ['provider', 'day'] });
  const metered = new Map<string, bigint>();
  for (const row of report.rows) {
    if (row.group.provider === null || !providers.has(row.group.provider)) continue;
    metered.set(`${row.group.provider}\u0000${row.group.day}`, row.costNanoUsd);
  }
  const keys = [...new Set([...billed.keys(), ...metered.keys()])].sort();
  const rows = keys.map((key): ReconcileRow => {
    const [provider, day] = key.split('\u0000');
    const ledgerNanoUsd = metered.get(key) ?? 0n;
    const invoiceNanoUsd = billed.get(key) ?? 0n;
    const differenceNanoUsd = invoiceNanoUsd - ledgerNanoUsd;
    return { provider, day, ledgerNanoUsd, invoiceNanoUsd, differenceNanoUsd, differencePercent: ledgerNanoUsd === 0n ? null : (Number(differenceNanoUsd) / Number(ledgerNanoUsd)) * 100 };
  });
  return withJsonAmounts({
    since: from,
    until: to,
    rows,
    ledgerNanoUsd: rows.reduce((s, r) => s + r.ledgerNanoUsd, 0n),
    invoiceNanoUsd: rows.reduce((s, r) => s + r.invoiceNanoUsd, 0n),
    unmatched: [...unmatched].map(([resource, costNanoUsd]) => ({ resource, costNanoUsd })).sort((a, b) => a.resource.localeCompare(b.resource)),
  });
}
