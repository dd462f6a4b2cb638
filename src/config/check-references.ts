import type { ConfigIssue } from '../errors/config-error.ts';
import { checkGatewayConfig } from '../gateway/check-gateway-config.ts';
import { closestMatch } from './closest-match.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function oneOf(kind: string, name: string, known: string[]): string {
  const guess = closestMatch(name, known);
  return `expected one of the configured ${kind} (${known.join(', ') || 'none'}), found "${name}".${guess ? ` Did you mean "${guess}"?` : ''}`;
}

function checkAlias(alias: string, config: Json, providers: Json, issues: ConfigIssue[]): void {
  const ids = Object.keys(providers);
  const at = `models.${alias}`;
  const targets = Array.isArray(config.targets) ? config.targets.filter(isObject) : [];
  targets.forEach((target, i) => {
    if (typeof target.provider === 'string' && target.provider !== '' && !(target.provider in providers)) {
      issues.push({ path: `${at}.targets[${i}].provider`, message: oneOf('providers', target.provider, ids) });
    }
    const provider = providers[target.provider as string];
    if (target.publisher !== undefined && isObject(provider) && provider.type !== 'vertex') {
      issues.push({ path: `${at}.targets[${i}].publisher`, message: `publisher applies to Vertex AI targets only, and provider "${String(target.provider)}" has type ${String(provider.type)}: drop it.` });
    }
  });
  const required = isObject(config.require) ? strings(config.require.tags) : [];
  if (required.length > 0 && targets.length > 0) {
    const fits = targets.some((t) => {
      const provider = providers[t.provider as string];
      const tags = isObject(provider) ? strings(provider.tags) : [];
      return required.every((tag) => tags.includes(tag));
    });
    if (!fits) issues.push({ path: `${at}.require.tags`, message: `no target's provider has all of the tags ${required.join(', ')}, so every call would fail; tags are set per provider (providers.<id>.tags)` });
  }
  if (isObject(config.hedge) && Array.isArray(config.targets) && config.targets.length < 2) {
    issues.push({ path: `${at}.hedge`, message: `hedging starts the next target beside a slow one, so it needs at least 2 targets, found ${config.targets.length}` });
  }
  if (config.strategy === 'weighted' && targets.length > 0 && targets.every((t) => t.weight === 0)) {
    issues.push({ path: `${at}.targets`, message: 'strategy weighted needs at least one target with a weight above 0, found only weight 0' });
  }
  checkRetry(config.retry, `${at}.retry`, issues);
}

function checkRetry(retry: unknown, at: string, issues: ConfigIssue[]): void {
  if (!isObject(retry) || typeof retry.minDelayMs !== 'number' || typeof retry.maxDelayMs !== 'number') return;
  if (retry.minDelayMs > retry.maxDelayMs) issues.push({ path: `${at}.minDelayMs`, message: `expected at most retry.maxDelayMs (${retry.maxDelayMs}), found ${retry.minDelayMs}` });
}

/**
 * The checks zod cannot make alone, on the interpolated config (whatever else is wrong with it, so that every
 * problem is reported at once): every target names a configured provider (and a `publisher` only on a Vertex one),
 * budgets name existing providers and aliases, an alias's `require.tags` can be met, hedging has a second target,
 * `minDelayMs <= maxDelayMs`, and the gateway's keys name existing aliases and are unique.
 */
export function checkReferences(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isObject(config) || !isObject(config.providers)) return issues;
  const providers = config.providers;
  const models = isObject(config.models) ? config.models : {};
  for (const [alias, aliasConfig] of Object.entries(models)) if (isObject(aliasConfig)) checkAlias(alias, aliasConfig, providers, issues);
  const ids = Object.keys(providers);
  const aliases = Object.keys(models);
  if (Array.isArray(config.budgets)) {
    config.budgets.forEach((budget, i) => {
      if (!isObject(budget)) return;
      if (typeof budget.provider === 'string' && !ids.includes(budget.provider)) issues.push({ path: `budgets[${i}].provider`, message: oneOf('providers', budget.provider, ids) });
      if (typeof budget.alias === 'string' && !aliases.includes(budget.alias)) issues.push({ path: `budgets[${i}].alias`, message: oneOf('aliases', budget.alias, aliases) });
    });
  }
  if (isObject(config.defaults)) checkRetry(config.defaults.retry, 'defaults.retry', issues);
  issues.push(...checkGatewayConfig(config));
  return issues;
}
