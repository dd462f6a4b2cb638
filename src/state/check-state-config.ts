import type { ConfigIssue } from '../errors/config-error.ts';
import { parseRedisUrl } from './parse-redis-url.ts';

/** The largest budget limit Redis budgets hold exactly: Lua numbers are doubles, exact up to 2^53 nano-USD. */
export const REDIS_MAX_BUDGET_USD = 9_000_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The checks of `state` that zod cannot make: `state.url` is a usable `redis://` or `rediss://` URL (the message
 * never quotes it, since it carries the password), and budgets fit what Redis counts exactly.
 */
export function checkStateConfig(config: unknown): ConfigIssue[] {
  if (!isObject(config) || !isObject(config.state) || config.state.type !== 'redis') return [];
  const issues: ConfigIssue[] = [];
  const url = config.state.url;
  if (typeof url === 'string' && url !== '') {
    const endpoint = parseRedisUrl(url);
    if ('problem' in endpoint) issues.push({ path: 'state.url', message: endpoint.problem });
  }
  if (Array.isArray(config.budgets)) {
    config.budgets.forEach((budget, i) => {
      if (isObject(budget) && typeof budget.limitUsd === 'number' && budget.limitUsd > REDIS_MAX_BUDGET_USD) {
        issues.push({ path: `budgets[${i}].limitUsd`, message: `budgets kept in Redis (state.type: redis) are exact up to ${REDIS_MAX_BUDGET_USD.toLocaleString('en-US')} USD per period, found ${budget.limitUsd}` });
      }
    });
  }
  return issues;
}
