import type { BudgetConfig } from '../metering/metering-config-schema.ts';
import { KEY_TAG, type GatewayConfig } from './gateway-config-schema.ts';

/** The budgets of `gateway.keys` as top-level budgets, and where each is in the config. */
export interface GatewayKeyBudgets {
  budgets: BudgetConfig[];
  /** `gateway.keys[i].budgets[j]`, in the order of `budgets`. */
  paths: string[];
}

/**
 * The budgets of `gateway.keys`, as top-level budgets: each covers the requests of its key only (the gateway tags
 * every request with `key=<name>`). Named `key <name>, per <period>` (or `key <name>: <its name>`), the name
 * `BudgetExceededError` and `budget` events carry.
 */
export function gatewayKeyBudgets(gateway: GatewayConfig | undefined): GatewayKeyBudgets {
  const budgets: BudgetConfig[] = [];
  const paths: string[] = [];
  (gateway?.keys ?? []).forEach((key, i) => {
    (key.budgets ?? []).forEach((budget, j) => {
      budgets.push({ ...budget, name: budget.name === undefined ? `key ${key.name}, per ${budget.period}` : `key ${key.name}: ${budget.name}`, tag: `${KEY_TAG}=${key.name}`, mode: budget.mode ?? 'hard' });
      paths.push(`gateway.keys[${i}].budgets[${j}]`);
    });
  });
  return { budgets, paths };
}
