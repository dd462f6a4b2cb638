import { parseDecimal } from './nano-usd.ts';
import { parseCsv } from './parse-csv.ts';
import { withJsonAmounts } from './with-json-amounts.ts';

/**
 * The capacity tier a bill line is for, read from the export's meter (Azure `MeterName`) or SKU (Google
 * `sku.description`): `provisioned` (PTU hours, Provisioned Throughput), `standard` (Azure pay-as-you-go tokens),
 * `on-demand` (Google pay-as-you-go tokens), `priority`, `flex`, `batch` (batch jobs, which Switchyard does not send).
 */
export type InvoiceTier = 'provisioned' | 'standard' | 'on-demand' | 'priority' | 'flex' | 'batch';

/** One line of a cloud bill, in USD. */
export interface InvoiceLine {
  /** The usage day, `YYYY-MM-DD` (UTC). */
  day: string;
  /** The resource it is billed to: the Azure resource name (the OpenAI account), or the Google Cloud project id. */
  resource: string;
  /** The service (`Microsoft.CognitiveServices`, `Vertex AI`). */
  service: string;
  /** The cost in exact nano-USD (before credits and taxes). */
  costNanoUsd: bigint;
  /** The capacity tier, when the export has the meter or SKU column; absent otherwise. */
  tier?: InvoiceTier;
}

/** A cost export, read. */
export interface Invoice {
  format: 'azure-cost-export' | 'gcp-billing-export';
  lines: InvoiceLine[];
}

/**
 * Reads a cost export (CSV) and recognises its kind by its header:
 *
 * - Azure Cost Management cost details export (EA, MCA, pay-as-you-go): `Date`/`date` (MM/DD/YYYY or ISO),
 *   `ResourceId`, `ResourceName`, `ConsumedService`, `MeterCategory`, and `CostInUsd` when present, else
 *   `CostInBillingCurrency` (or `Cost`/`PreTaxCost`) with `BillingCurrencyCode`/`BillingCurrency`, which must be USD.
 * - Google Cloud Billing export (standard usage cost, as exported from BigQuery to CSV): `usage_start_time`,
 *   `service.description`, `project.id`, `cost`, `currency`, `currency_conversion_rate` (dotted or underscored
 *   names); only Vertex AI / Gemini lines are kept, converted to USD with `cost / currency_conversion_rate`.
 *
 * The tier of each line comes from Azure's `MeterName` ("Provisioned Managed Global Unit" and the other provisioned
 * meters are PTU hours; token meters such as "gpt 4o 0806 Inp glbl Tokens" are standard) and Google's `sku.description`
 * (`azureMeterTier`, `googleSkuTier`).
 *
 * Column names are matched without regard to case. Amounts are parsed exactly (no floats).
 * Throws an Error naming the missing column or the bad cell (with its line number).
 */
export function readInvoice(text: string): Invoice {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('the invoice file is empty');
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const col = (...names: string[]) => names.map((n) => index.get(n.toLowerCase())).find((i) => i !== undefined);
  if (col('usage_start_time') !== undefined && col('cost') !== undefined) return readGoogle(rows, col);
  if (col('CostInBillingCurrency', 'CostInUsd', 'PreTaxCost', 'Cost') !== undefined && col('Date', 'UsageDate') !== undefined) return readAzure(rows, col);
  throw new Error(
    `not a known cost export: expected an Azure cost details export (Date, ResourceId, CostInBillingCurrency, …) or a Google Cloud billing export (usage_start_time, service.description, project.id, cost, …); found columns ${header.slice(0, 8).join(', ')}`,
  );
}

type Col = (...names: string[]) => number | undefined;

function readAzure(rows: string[][], col: Col): Invoice {
  const date = col('Date', 'UsageDate') as number;
  const usd = col('CostInUsd');
  const billed = col('CostInBillingCurrency', 'PreTaxCost', 'Cost');
  const currency = col('BillingCurrencyCode', 'BillingCurrency', 'Currency');
  const [resourceId, resourceName, service] = [col('ResourceId', 'InstanceId'), col('ResourceName'), col('ConsumedService', 'MeterCategory')];
  const meter = col('MeterName', 'Meter');
  const lines = rows.map((row, n) => {
    const line = n + 2;
    let amount = usd !== undefined ? row[usd] : undefined;
    if (amount === undefined || amount === '') {
      const code = currency === undefined ? 'USD' : (row[currency] ?? '').trim().toUpperCase();
      if (code !== 'USD' && code !== '') throw new Error(`line ${line}: the cost is in ${code}, not USD; export with the CostInUsd column (Microsoft Customer Agreement) or a USD billing account`);
      amount = billed === undefined ? undefined : row[billed];
    }
    const id = resourceId === undefined ? '' : (row[resourceId] ?? '');
    const name = (resourceName !== undefined && row[resourceName]) || id.split('/').filter(Boolean).at(-1) || '';
    const entry: InvoiceLine = { day: azureDay(row[date] ?? '', line), resource: name.toLowerCase(), service: service === undefined ? '' : (row[service] ?? ''), costNanoUsd: amountOf(amount, line) };
    if (meter !== undefined) entry.tier = azureMeterTier(row[meter] ?? '');
    return entry;
  });
  return withJsonAmounts({ format: 'azure-cost-export', lines });
}

function readGoogle(rows: string[][], col: Col): Invoice {
  const [start, cost] = [col('usage_start_time') as number, col('cost') as number];
  const service = col('service.description', 'service_description');
  const project = col('project.id', 'project_id');
  const currency = col('currency');
  const rate = col('currency_conversion_rate');
  const sku = col('sku.description', 'sku_description');
  if (project === undefined) throw new Error('the Google Cloud billing export has no project.id column: export it with the project fields');
  const lines: InvoiceLine[] = [];
  rows.forEach((row, n) => {
    const line = n + 2;
    const what = service === undefined ? '' : (row[service] ?? '');
    if (service !== undefined && !/vertex ai|gemini/i.test(what)) return;
    let nano = amountOf(row[cost], line);
    const code = currency === undefined ? 'USD' : (row[currency] ?? 'USD').trim().toUpperCase();
    if (code !== 'USD') {
      const scaled = rate === undefined ? 0n : parseDecimal(row[rate] ?? '0', 9);
      if (scaled <= 0n) throw new Error(`line ${line}: the cost is in ${code} and currency_conversion_rate is missing or zero`);
      nano = (nano * 1_000_000_000n * 2n + scaled) / (2n * scaled);
    }
    const day = /^(\d{4}-\d{2}-\d{2})/.exec((row[start] ?? '').trim())?.[1];
    if (!day) throw new Error(`line ${line}: usage_start_time ${JSON.stringify(row[start])} is not a date-time such as 2026-11-20 00:00:00 UTC`);
    const entry: InvoiceLine = { day, resource: (row[project] ?? '').toLowerCase(), service: what, costNanoUsd: nano };
    if (sku !== undefined) entry.tier = googleSkuTier(row[sku] ?? '');
    lines.push(entry);
  });
  return withJsonAmounts({ format: 'gcp-billing-export', lines });
}

/**
 * The tier of an Azure OpenAI meter. Provisioned meters are named "Provisioned Managed Global Unit", "... Data Zone",
 * "... Regional" (the reservation product names in Microsoft's provisioned-throughput onboarding docs; the meter
 * names as the Azure retail prices API lists them), batch meters carry "Batch". Not confirmed from a primary source:
 * the wording of Priority and Flex processing meters ("Priority"/"Flex" assumed); every other meter counts as standard.
 */
export function azureMeterTier(meter: string): InvoiceTier {
  if (/provisioned|\bptu\b/i.test(meter)) return 'provisioned';
  if (/\bbatch\b/i.test(meter)) return 'batch';
  if (/\bflex\b/i.test(meter)) return 'flex';
  if (/\bpriority\b|\bprio\b|\bpri\b/i.test(meter)) return 'priority';
  return 'standard';
}

/**
 * The tier of a Google Cloud SKU description. Not confirmed from a primary source: the wording of Priority, Flex and
 * Provisioned Throughput SKUs ("Priority", "Flex", "Provisioned Throughput"/"GSU" assumed; Google's SKU list was not
 * readable here); every other Vertex AI SKU counts as on-demand.
 */
export function googleSkuTier(sku: string): InvoiceTier {
  if (/provisioned throughput|\bgsu\b/i.test(sku)) return 'provisioned';
  if (/\bbatch\b/i.test(sku)) return 'batch';
  if (/\bflex\b/i.test(sku)) return 'flex';
  if (/\bpriority\b/i.test(sku)) return 'priority';
  return 'on-demand';
}

function azureDay(text: string, line: number): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text.trim());
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
  if (iso) return iso[1];
  throw new Error(`line ${line}: Date ${JSON.stringify(text)} is not MM/DD/YYYY or YYYY-MM-DD`);
}

function amountOf(text: string | undefined, line: number): bigint {
  try {
    return parseDecimal((text ?? '').trim() || '0', 9);
  } catch {
    throw new Error(`line ${line}: the cost ${JSON.stringify(text)} is not a decimal amount`);
  }
}
