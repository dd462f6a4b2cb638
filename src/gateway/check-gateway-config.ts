import { closestMatch } from '../config/closest-match.ts';
import type { ConfigIssue } from '../errors/config-error.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownName(kind: string, name: string, known: string[]): string {
  const guess = closestMatch(name, known);
  return `expected one of the configured ${kind} (${known.join(', ') || 'none'}), found "${name}".${guess ? ` Did you mean "${guess}"?` : ''}`;
}

/**
 * The checks of `gateway.keys` that need the rest of the config: names and keys are unique, every alias a key may
 * use exists (an alias, or `providerId:model` of a configured provider), and its budgets name existing providers
 * and aliases. Key values are never quoted.
 */
export function checkGatewayConfig(config: Json): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const gateway = config.gateway;
  if (!isObject(gateway) || !Array.isArray(gateway.keys)) return issues;
  const providers = isObject(config.providers) ? Object.keys(config.providers) : [];
  const aliases = isObject(config.models) ? Object.keys(config.models) : [];
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  gateway.keys.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const at = `gateway.keys[${i}]`;
    if (typeof entry.name === 'string') {
      const first = names.get(entry.name);
      if (first !== undefined) issues.push({ path: `${at}.name`, message: `"${entry.name}" is already the name of gateway.keys[${first}]; each key needs its own name (it is the key's tag in the ledger)` });
      else names.set(entry.name, i);
    }
    if (typeof entry.key === 'string' && entry.key !== '') {
      const first = keys.get(entry.key);
      if (first !== undefined) issues.push({ path: `${at}.key`, message: `the same key as gateway.keys[${first}].key; each key must be different` });
      else keys.set(entry.key, i);
    }
    if (Array.isArray(entry.aliases)) {
      entry.aliases.forEach((alias, j) => {
        if (typeof alias !== 'string' || aliases.includes(alias)) return;
        const colon = alias.indexOf(':');
        if (colon > 0 && colon < alias.length - 1 && providers.includes(alias.slice(0, colon))) return;
        issues.push({ path: `${at}.aliases[${j}]`, message: `${unknownName('aliases', alias, aliases)} (or providerId:model for a configured provider)` });
      });
    }
    if (Array.isArray(entry.budgets)) {
      entry.budgets.forEach((budget, j) => {
        if (!isObject(budget)) return;
        if (typeof budget.provider === 'string' && !providers.includes(budget.provider)) issues.push({ path: `${at}.budgets[${j}].provider`, message: unknownName('providers', budget.provider, providers) });
        if (typeof budget.alias === 'string' && !aliases.includes(budget.alias)) issues.push({ path: `${at}.budgets[${j}].alias`, message: unknownName('aliases', budget.alias, aliases) });
      });
    }
  });
  return issues;
}
