/**
 * Cost report: every attempt goes to the ledger (an embedded SQLite file by default); report it per provider
 * and tenant. The same report from the command line: npx switchyard report --config switchyard.yaml --since 7d --by provider
 * Run: OPENAI_API_KEY=sk-... node examples/cost-report.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: {
        chat: { targets: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }] },
        smart: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] },
      },
      ledger: { type: 'sqlite', path: '${SWITCHYARD_LEDGER:-.switchyard/ledger.sqlite}' },
    },
    { env },
  );
  try {
    for (const [model, tenant] of [['chat', 'acme'], ['chat', 'globex'], ['smart', 'acme']] as const) {
      await sy.chat({ model, messages: [{ role: 'user', content: 'Summarise the plot of Anansi and the pot of wisdom.' }], tags: { tenant } });
    }
    const report = await sy.costReport({ since: '24h', groupBy: ['provider', 'model', 'tag:tenant'] });
    for (const row of [...report.rows, report.total]) {
      const group = Object.values(row.group).join(' / ') || 'TOTAL';
      console.log(`${group.padEnd(45)} ${String(row.requests).padStart(4)} calls ${String(row.inputTokens + row.outputTokens).padStart(7)} tokens  $${row.costUsd.toFixed(6)}`);
    }
    return report;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
