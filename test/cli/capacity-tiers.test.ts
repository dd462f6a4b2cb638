import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/metering/parse-csv.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';
import { network } from '../setup/network.ts';
import { cli } from './cli-fixture.ts';

const AZURE = 'https://contoso-ptu.openai.azure.com';
const VERTEX = 'https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/google/models/gemini-2.5-pro:generateContent';
const ENV = { AZURE_KEY: '7b2e9f1c4d8a4e6b9c0d1e2f3a4b5c6d', OPENAI_KEY: 'sk-proj-capacitytiers0000000000', VERTEX_TOKEN: 'ya29.a0-capacity-tiers-token' };
const user = (content: string) => [{ role: 'user' as const, content }];

/**
 * An Azure resource with a provisioned deployment (2 PTU at 1.2345 USD an hour, 100 tokens per minute each: 12,000
 * tokens an hour) spilling over to a standard one, Vertex with Priority and Flex PayGo, OpenAI flex.
 */
const CONFIG = {
  providers: {
    ptu: {
      type: 'azure-openai',
      endpoint: AZURE,
      apiKey: '${AZURE_KEY}',
      apiVersion: '2024-10-21',
      deployments: { 'gpt4o-ptu': { model: 'gpt-4o-2024-08-06' }, 'gpt4o-paygo': { model: 'gpt-4o-2024-08-06' } },
      spillover: { deployment: 'gpt4o-paygo' },
      billing: { type: 'provisioned', units: 2, hourlyUsdPerUnit: 1.2345, tokensPerMinutePerUnit: 100 },
      prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10, cachedInput: 1.25 } },
    },
    vertex: {
      type: 'vertex',
      project: 'acme-prod',
      location: 'global',
      accessToken: '${VERTEX_TOKEN}',
      prices: { 'gemini-2.5-pro': [{ input: 1.25, output: 10 }, { tier: 'priority', input: 2.25, output: 18 }] },
    },
    openai: { type: 'openai', apiKey: '${OPENAI_KEY}', prices: { 'o3-2025-04-16': { input: 2, output: 8 } } },
  },
  models: {
    chat: { targets: [{ provider: 'ptu', model: 'gpt4o-ptu' }] },
    gemini: { targets: [{ provider: 'vertex', model: 'gemini-2.5-pro' }] },
    offline: { targets: [{ provider: 'openai', model: 'o3-2025-04-16', serviceTier: 'flex' }] },
  },
  ledger: { type: 'sqlite', path: 'ledger.sqlite' },
};

const azureUsage = (prompt: number, output: number) => ({ prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } });
const azureAnswer = (prompt: number, output: number, headers: Record<string, string>) =>
  HttpResponse.json(
    { id: 'chatcmpl-BKr1', object: 'chat.completion', created: 1795424400, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null, content_filter_results: {} }], prompt_filter_results: [], usage: azureUsage(prompt, output) },
    { headers: { 'apim-request-id': '0c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', 'x-ms-region': 'East US 2', ...headers } },
  );

let dir: string;
let configPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-tiers-'));
  configPath = join(dir, 'switchyard.json');
  writeFileSync(configPath, JSON.stringify(CONFIG));
  const azure = [
    () => azureAnswer(1000, 200, {}),
    () => azureAnswer(1000, 200, {}),
    () => azureAnswer(1000, 200, { 'x-ms-spillover-from-deployment': 'gpt4o-ptu', 'x-ms-deployment-name': 'gpt4o-paygo' }),
    () => azureAnswer(3000, 600, {}),
  ];
  const traffic = ['ON_DEMAND', 'ON_DEMAND_PRIORITY', 'ON_DEMAND_FLEX'];
  network.use(
    http.post(`${AZURE}/openai/deployments/gpt4o-ptu/chat/completions`, () => (azure.shift() as () => Response)()),
    http.post(VERTEX, () => {
      const trafficType = traffic.shift();
      return HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 200, totalTokenCount: 1200, trafficType }, modelVersion: 'gemini-2.5-pro', responseId: 'Q1x2' });
    }),
    http.post('https://api.openai.com/v1/chat/completions', () =>
      HttpResponse.json({ id: 'chatcmpl-CQ4', object: 'chat.completion', created: 1795424400, model: 'o3-2025-04-16', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: azureUsage(1000, 200), service_tier: 'flex' }),
    ),
  );
  const clock = createManualClock(Date.UTC(2026, 10, 20, 9, 10));
  const sy = createSwitchyard(configPath, { env: ENV, clock, telemetry: false });
  await sy.chat({ model: 'chat', messages: user('a') }); // 09:10 on the PTU
  clock.advance(10 * 60_000);
  await sy.chat({ model: 'chat', messages: user('b') }); // 09:20 on the PTU
  clock.advance(20 * 60_000);
  await sy.chat({ model: 'chat', messages: user('c') }); // 09:40 spilled over
  clock.advance(25 * 60_000);
  await sy.chat({ model: 'chat', messages: user('d') }); // 10:05 on the PTU
  for (const model of ['gemini', 'gemini', 'gemini', 'offline']) await sy.chat({ model, messages: user('e') });
  await sy.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Token costs, USD per million: spilled 1000 × 2.5 + 200 × 10 = 0.0045; Vertex on-demand 0.00325, priority 0.00585,
// flex half of on-demand 0.001625; OpenAI flex half of 1000 × 2 + 200 × 8 = 0.0018. PTU: 2 × 1.2345 × 24 h = 59.256.
const PTU = 59_256_000_000n;
const SPILLED = 4_500_000n;
const TOKENS = { onDemand: 3_250_000n, priority: 5_850_000n, vertexFlex: 1_625_000n, openaiFlex: 1_800_000n };

describe('switchyard report with capacity tiers', () => {
  it('should group by capacity, charge the PTU hours to the provisioned tier, and add up to the nano-USD', async () => {
    const { code, stdout } = await cli(dir, ['report', '--config', configPath, '--since', '2026-11-20', '--until', '2026-11-21', '--by', 'capacity', '--format', 'json'], ENV);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const rows = Object.fromEntries(report.rows.map((r: { group: { capacity: string }; costNanoUsd: string; capacityCostNanoUsd: string; inputTokens: number; outputTokens: number }) => [r.group.capacity, [r.costNanoUsd, r.capacityCostNanoUsd, r.inputTokens + r.outputTokens]]));
    expect(rows).toEqual({
      provisioned: [String(PTU), String(PTU), 6000],
      spillover: [String(SPILLED), '0', 1200],
      'on-demand': [String(TOKENS.onDemand), '0', 1200],
      priority: [String(TOKENS.priority), '0', 1200],
      flex: [String(TOKENS.vertexFlex + TOKENS.openaiFlex), '0', 2400],
    });
    const sum = report.rows.reduce((s: bigint, r: { costNanoUsd: string }) => s + BigInt(r.costNanoUsd), 0n);
    expect(sum).toBe(PTU + SPILLED + TOKENS.onDemand + TOKENS.priority + TOKENS.vertexFlex + TOKENS.openaiFlex);
    expect(BigInt(report.total.costNanoUsd)).toBe(sum);
  });

  it('should show the PTU utilisation per hour and the spilled share', async () => {
    const { stdout } = await cli(dir, ['report', '--config', configPath, '--since', '2026-11-20', '--until', '2026-11-21', '--format', 'json'], ENV);
    const [line] = JSON.parse(stdout).capacity;
    expect(line).toMatchObject({ provider: 'ptu', costNanoUsd: String(PTU), tokensServed: 6000, spilledTokens: 1200, spilledCostNanoUsd: String(SPILLED), capacityTokens: 288_000, peakUtilisation: 0.3 });
    expect(line.spilledShare).toBeCloseTo(1200 / 7200, 12);
    expect(line.utilisation).toBeCloseTo(6000 / 288_000, 12);
    expect(line.hourly).toHaveLength(24);
    expect(line.hourly.filter((h: { tokensServed: number; spilledTokens: number }) => h.tokensServed + h.spilledTokens > 0)).toEqual([
      { hour: '2026-11-20T09', tokensServed: 2400, spilledTokens: 1200, capacityTokens: 12_000, utilisation: 0.2, spilledShare: 1 / 3 },
      { hour: '2026-11-20T10', tokensServed: 3600, spilledTokens: 0, capacityTokens: 12_000, utilisation: 0.3, spilledShare: 0 },
    ]);

    const table = await cli(dir, ['report', '--config', configPath, '--since', '2026-11-20', '--until', '2026-11-21', '--by', 'provider,capacity'], ENV);
    const lines = table.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('ptu ') && l.includes('spillover'))).toMatch(/^ptu\s+spillover\s+1\s+0\s+1,000\s+0\s+200\s+0\s+0\.004500\s+0\.000000\s+0\.004500/);
    expect(table.stdout).toContain('  ptu (provisioned): 59.26 USD for 24.0 h, 6,000 tokens served, 9876.0000 USD per million tokens served, utilisation 2.1% (peak hour 30.0%)');
    expect(table.stdout).toContain('    spilled over: 1,200 tokens (16.7% of the traffic), 0.004500 USD at the pay-as-you-go rate');
    expect(table.stdout).toContain('    per hour: 2 of 24 hour(s) served traffic, 0 at 90% or more of the capacity, 1 spilled over');
    expect(table.stdout).toMatch(/ {4}2026-11-20T09:00Z\s+2,400 on capacity\s+1,200 spilled\s+utilisation\s+20\.0%\s+spilled\s+33\.3%/);
  });
});

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!chromium) console.warn('HTML capacity charts test skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)');

describe('switchyard report --format html with capacity tiers', () => {
  it('should chart cost per tier per day and the PTU’s tokens per hour against its capacity', async () => {
    const out = join(dir, 'report.html');
    const { code } = await cli(dir, ['report', '--config', configPath, '--since', '2026-11-20', '--until', '2026-11-21', '--by', 'capacity', '--format', 'html', '--out', out], ENV);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<link|<img|\ssrc=|@import|url\(/);
    const tierBars = [...html.matchAll(/<rect class="bar"[^>]*data-capacity="([^"]+)" data-day="2026-11-20" data-usd="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(tierBars).toEqual([
      ['flex', '0.003425000'],
      ['on-demand', '0.003250000'],
      ['priority', '0.005850000'],
      ['provisioned', '59.256000000'],
      ['spillover', '0.004500000'],
    ]);
    expect(html).toContain('aria-label="Tokens per hour on ptu: served on the capacity, and spilled over"');
    expect([...html.matchAll(/<rect class="bar"[^>]*data-series="(on capacity|spilled over)" data-hour="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['on capacity', '2026-11-20T09'],
      ['spilled over', '2026-11-20T09'],
      ['on capacity', '2026-11-20T10'],
    ]);
    expect(html).toMatch(/<line class="reference"[^>]*>/);
  });

  it.skipIf(!chromium)('should lay the tier chart out in headless Chromium [needs Chromium: apt-get install -y chromium]', { timeout: 60_000 }, async () => {
    const out = join(dir, 'report-browser.html');
    await cli(dir, ['report', '--config', configPath, '--since', '2026-11-20', '--until', '2026-11-21', '--format', 'html', '--out', out], ENV);
    const profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
    try {
      const { stdout: dom } = await promisify(execFile)(
        chromium as string,
        ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(out).href],
        { timeout: 45_000, maxBuffer: 10 * 1024 * 1024 },
      );
      expect(dom).toMatch(/<html[^>]* data-rendered="true"/);
      expect(dom).toMatch(/<html[^>]* data-tier-bars="5"/);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('switchyard reconcile with capacity tiers', () => {
  const header = 'Date,ResourceId,ResourceName,ConsumedService,MeterCategory,MeterSubCategory,MeterName,Quantity,CostInBillingCurrency,BillingCurrencyCode';
  const resource = '/subscriptions/3f2c1a9e-7b4d-4e8a-9c1f-2d6b8e0a4c17/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ptu';
  const azureLine = (meter: string, quantity: string, cost: string) => `11/20/2026,${resource},contoso-ptu,Microsoft.CognitiveServices,Cognitive Services,Azure OpenAI,${meter},${quantity},${cost},USD`;
  const gcpHeader = 'billing_account_id,service.id,service.description,sku.id,sku.description,usage_start_time,usage_end_time,project.id,cost,currency,currency_conversion_rate';
  const gcpLine = (sku: string, cost: string) => `01A2B3-C4D5E6-F7A8B9,C7E2-9256-1C43,Vertex AI,2A0E-6D2B-A8C1,${sku},2026-11-20 09:00:00 UTC,2026-11-20 10:00:00 UTC,acme-prod,${cost},USD,1`;

  it('should match an Azure export whose PTU hours and spilled-over tokens are billed as the ledger has them, per tier', async () => {
    const invoice = join(dir, 'azure.csv');
    writeFileSync(invoice, [header, azureLine('Provisioned Managed Global Unit', '48', '59.256'), azureLine('gpt 4o 0806 Inp glbl Tokens', '1', '0.0025'), azureLine('gpt 4o 0806 Outp glbl Tokens', '0.2', '0.002')].join('\n'));
    const { code, stdout } = await cli(dir, ['reconcile', '--config', configPath, '--invoice', invoice, '--format', 'csv'], ENV);
    expect(code).toBe(0);
    expect(parseCsv(stdout)).toEqual([
      ['provider', 'day', 'capacity', 'ledger_usd', 'invoice_usd', 'difference_usd', 'difference_percent'],
      ['ptu', '2026-11-20', 'provisioned', '59.256000000', '59.256000000', '0.000000000', '0.0000'],
      ['ptu', '2026-11-20', 'standard', '0.004500000', '0.004500000', '0.000000000', '0.0000'],
      ['TOTAL', '', '', '59.260500000', '59.260500000', '0.000000000', ''],
    ]);
  });

  it('should fail on a tier that does not match even when the day’s total does', async () => {
    // The same total, but nothing billed as standard: the spilled-over attempts were not charged at the pay-as-you-go rate.
    const invoice = join(dir, 'azure-shifted.csv');
    writeFileSync(invoice, [header, azureLine('Provisioned Managed Global Unit', '48', '59.2605')].join('\n'));
    const { code, stdout } = await cli(dir, ['reconcile', '--config', configPath, '--invoice', invoice], ENV);
    expect(code).toBe(3);
    const lines = stdout.split('\n');
    expect(lines[4]).toMatch(/^ptu\s+2026-11-20\s+59\.2605\s+59\.2605\s+0\.0000\s+0\.0%$/);
    expect(lines.find((l) => l.includes('provisioned'))).toMatch(/^ptu\s+2026-11-20\s+provisioned\s+59\.2560\s+59\.2605\s+\+0\.0045\s+\+0\.0%$/);
    expect(lines.find((l) => l.includes(' standard '))).toMatch(/^ptu\s+2026-11-20\s+standard\s+0\.0045\s+0\.0000\s+-0\.0045\s+-100\.0%$/);
    expect(stdout).toContain('1 provider-day tier(s) differ by more than 5%');
  });

  it('should compare Vertex per SKU tier: on-demand, Priority and Flex PayGo', async () => {
    const invoice = join(dir, 'gcp.csv');
    writeFileSync(
      invoice,
      [
        gcpHeader,
        gcpLine('Gemini 2.5 Pro Input Text Tokens', '0.00125'),
        gcpLine('Gemini 2.5 Pro Output Text Tokens', '0.002'),
        gcpLine('Gemini 2.5 Pro Priority Input Text Tokens', '0.00225'),
        gcpLine('Gemini 2.5 Pro Priority Output Text Tokens', '0.0036'),
        gcpLine('Gemini 2.5 Pro Flex Input Text Tokens', '0.000625'),
        gcpLine('Gemini 2.5 Pro Flex Output Text Tokens', '0.001'),
      ].join('\n'),
    );
    const { code, stdout } = await cli(dir, ['reconcile', '--config', configPath, '--invoice', invoice, '--format', 'json'], ENV);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tiers).toEqual([
      { provider: 'vertex', day: '2026-11-20', capacity: 'flex', ledgerNanoUsd: String(TOKENS.vertexFlex), invoiceNanoUsd: String(TOKENS.vertexFlex), differenceNanoUsd: '0', differencePercent: 0 },
      { provider: 'vertex', day: '2026-11-20', capacity: 'on-demand', ledgerNanoUsd: String(TOKENS.onDemand), invoiceNanoUsd: String(TOKENS.onDemand), differenceNanoUsd: '0', differencePercent: 0 },
      { provider: 'vertex', day: '2026-11-20', capacity: 'priority', ledgerNanoUsd: String(TOKENS.priority), invoiceNanoUsd: String(TOKENS.priority), differenceNanoUsd: '0', differencePercent: 0 },
    ]);
    expect(result.rows).toEqual([{ provider: 'vertex', day: '2026-11-20', ledgerNanoUsd: '10725000', invoiceNanoUsd: '10725000', differenceNanoUsd: '0', differencePercent: 0 }]);
  });
});
