/**
 * Budgets: a hard daily budget per tenant. Each call reserves its worst-case cost first, so concurrent calls
 * cannot overspend; once the tenant's budget is spent, calls reject with `BudgetExceededError`.
 * Run: OPENAI_API_KEY=sk-... node examples/budgets.ts
 */
import { BudgetExceededError, createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }] } },
      budgets: [{ name: 'acme-daily', tag: 'tenant=acme', period: 'day', limitUsd: 0.0002, mode: 'hard' }],
      ledger: { type: 'memory' }, // use sqlite or postgres to keep budgets across restarts
    },
    { env },
  );
  sy.on('budget', (e) => console.log('budget event:', e));
  let served = 0;
  try {
    for (let i = 0; i < 10; i++) {
      await sy.chat({ model: 'chat', messages: [{ role: 'user', content: `Tell me fact number ${i + 1} about Kente cloth.` }], maxTokens: 100, tags: { tenant: 'acme' } });
      served++;
    }
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    console.log(`after ${served} calls: ${error.message}`);
  } finally {
    await sy.close();
  }
  return served;
}

if (import.meta.main) await main();
