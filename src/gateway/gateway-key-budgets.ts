import type { BudgetConfig } from '../metering/metering-config-schema.ts';
import { KEY_TAG, type GatewayConfig } from './gateway-config-schema.ts';

/**
 * The budgets of `gateway.keys`, as top-level budgets: each covers the requests of its key only (the gateway tags
 * every request with `key=<name>`). Named `key <name>` (or `key <name>: <its name>`), the name `BudgetExceededError`
 * and `budget` events carry.
 */
export function gatewayKeyBudgets(gateway: GatewayConfig | undefined): BudgetConfig[] {
  const out: BudgetConfig[] = [];
  for (const key of gateway?.keys ?? []) {
    for (const budget of key.budgets ?? []) {
      out.push({ ...budget, name: budget.name === undefined ? `key ${key.name}, per ${budget.period}` : `key ${key.name}: ${budget.name}`, tag: `${KEY_TAG}=${key.name}`, mode: budget.mode ?? 'hard' });
    }
  }
  return out;
}
