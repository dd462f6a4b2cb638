import { buildCostReport } from './build-cost-report.ts';
import type { CapacityBilling } from './capacity-cost.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { CapacityTier } from '../types/capacity-tier.ts';
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

/**
 * The ledger and the invoice for one provider, day and capacity tier, where the export says the tier. Ledger tiers
 * are compared with the bill's: `spillover` is billed as Azure `standard` usage; `provisioned` holds the capacity cost
 * (PTU hours, Provisioned Throughput); attempts recorded without a tier count at the provider's default tier (see
 * `untiered` when there is none).
 */
export interface ReconcileTierRow extends ReconcileRow {
  /** `provisioned`, `standard`, `on-demand`, `priority`, `flex` or `batch`. */
  capacity: string;
}

/** The comparison of a ledger with an invoice. */
export interface Reconciliation {
  since: number;
  until: number;
  rows: ReconcileRow[];
  /** Per provider, day and tier, for the providers whose bill lines carry a tier: a mismatch in one tier shows here even when the day's total agrees. */
  tiers: ReconcileTierRow[];
  /**
   * Provider-days not compared per tier: the ledger recorded attempts without a tier (written before capacity was
   * recorded) and no default tier was given for the provider (no config).
   */
  untiered: Array<{ provider: string; day: string }>;
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
  /** The tier of a provider's attempts recorded without one (ledgers written before capacity was recorded). */
  defaultCapacity?: (provider: string) => CapacityTier | undefined;
}

/**
 * Compares ledger cost with invoice cost per provider and UTC day, for the providers that appear on the invoice, and
 * per capacity tier where the invoice lines carry one.
 */
export async function reconcileCosts({ store, capacity, invoice, providerOf, since, until, defaultCapacity }: ReconcileInput): Promise<Reconciliation> {
  const days = invoice.lines.map((l) => Date.parse(`${l.day}T00:00:00Z`));
  const from = since ?? (days.length > 0 ? Math.min(...days) : 0);
  const to = until ?? (days.length > 0 ? Math.max(...days) + 86_400_000 : 0);
  const billed = new Map<string, bigint>();
  const billedTier = new Map<string, bigint>();
  const tiered = new Set<string>();
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
    if (line.tier !== undefined) {
      tiered.add(provider);
      const tierKey = `${key}\u0000${line.tier}`;
      billedTier.set(tierKey, (billedTier.get(tierKey) ?? 0n) + line.costNanoUsd);
    }
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
    const [provider, day] = key.split('\u0000') as [string, string];
    return compare(provider, day, metered.get(key) ?? 0n, billed.get(key) ?? 0n);
  });

  const tiers: ReconcileTierRow[] = [];
  const untiered: Reconciliation['untiered'] = [];
  if (tiered.size > 0) {
    const byTier = await buildCostReport({ store, capacity: relevantCapacity, since: from, until: to, groupBy: ['provider', 'day', 'capacity'] });
    const meteredTier = new Map<string, bigint>();
    const skipped = new Set<string>();
    for (const row of byTier.rows) {
      const provider = row.group.provider;
      if (provider === null || !tiered.has(provider)) continue;
      const capacity = row.group.capacity ?? defaultCapacity?.(provider) ?? null;
      if (capacity === null && row.requests > 0) skipped.add(`${provider}\u0000${row.group.day}`);
      const key = `${provider}\u0000${row.group.day}\u0000${billedAs(capacity)}`;
      meteredTier.set(key, (meteredTier.get(key) ?? 0n) + row.costNanoUsd);
    }
    for (const key of [...skipped].sort()) {
      const [provider, day] = key.split('\u0000') as [string, string];
      untiered.push({ provider, day });
    }
    for (const key of [...new Set([...billedTier.keys(), ...meteredTier.keys()])].sort()) {
      const [provider, day, tier] = key.split('\u0000') as [string, string, string];
      if (skipped.has(`${provider}\u0000${day}`)) continue;
      const ledger = meteredTier.get(key) ?? 0n;
      const billedAmount = billedTier.get(key) ?? 0n;
      // A tier neither side spent anything in is no comparison.
      if (ledger === 0n && billedAmount === 0n) continue;
      tiers.push({ ...compare(provider, day, ledger, billedAmount), capacity: tier });
    }
  }
  return withJsonAmounts({
    since: from,
    until: to,
    rows,
    tiers,
    untiered,
    ledgerNanoUsd: rows.reduce((s, r) => s + r.ledgerNanoUsd, 0n),
    invoiceNanoUsd: rows.reduce((s, r) => s + r.invoiceNanoUsd, 0n),
    unmatched: [...unmatched].map(([resource, costNanoUsd]) => ({ resource, costNanoUsd })).sort((a, b) => a.resource.localeCompare(b.resource)),
  });
}

function compare(provider: string, day: string, ledgerNanoUsd: bigint, invoiceNanoUsd: bigint): ReconcileRow {
  const differenceNanoUsd = invoiceNanoUsd - ledgerNanoUsd;
  return { provider, day, ledgerNanoUsd, invoiceNanoUsd, differenceNanoUsd, differencePercent: ledgerNanoUsd === 0n ? null : (Number(differenceNanoUsd) / Number(ledgerNanoUsd)) * 100 };
}

/** The bill tier a ledger capacity is billed under: Azure bills spilled-over requests as standard usage. */
function billedAs(capacity: string | null): string {
  if (capacity === null) return 'unknown';
  return capacity === 'spillover' ? 'standard' : capacity;
}
