import type { MeterTarget } from '../types/meter.ts';
import type { BudgetCheck } from './budget-store.ts';
import type { BudgetConfig } from './metering-config-schema.ts';
import { usdToNano } from './nano-usd.ts';

/** A configured budget, ready to match targets. */
export interface BudgetRule {
  /** The configured name, else one made from the selectors (`provider=openai, tag tenant=acme, per day`). */
  name: string;
  /** Where it is in the config (`budgets[2]`), for messages. */
  path: string;
  config: BudgetConfig;
  /** True when the budget covers this target (every selector given must match; none given covers all). */
  covers(target: MeterTarget): boolean;
  /** The budget as it stands at `now`: the current UTC period and its key. */
  check(now: number): BudgetCheck;
}

/** Compiles the top-level `budgets` list; `paths` says where each is in the config, for messages (default `budgets[i]`). */
export function createBudgetRules(budgets: readonly BudgetConfig[], paths: readonly string[] = []): BudgetRule[] {
  return budgets.map((config, index) => {
    const [tagKey, tagValue] = config.tag === undefined ? [] : splitTag(config.tag);
    const selectors = [
      config.provider !== undefined ? `provider=${config.provider}` : undefined,
      config.alias !== undefined ? `alias=${config.alias}` : undefined,
      config.tag !== undefined ? `tag ${config.tag}` : undefined,
    ].filter((s) => s !== undefined);
    const name = config.name ?? `${selectors.length > 0 ? selectors.join(', ') : 'all calls'}, per ${config.period}`;
    const key = JSON.stringify([config.name ?? null, config.provider ?? null, config.alias ?? null, config.tag ?? null, config.period]);
    const limitNanoUsd = usdToNano(config.limitUsd);
    const mode = config.mode ?? 'hard';
    return {
      name,
      path: paths[index] ?? `budgets[${index}]`,
      config,
      covers(target) {
        if (config.provider !== undefined && target.provider !== config.provider) return false;
        if (config.alias !== undefined && target.alias !== config.alias) return false;
        if (tagKey !== undefined && target.tags?.[tagKey] !== tagValue) return false;
        return true;
      },
      check(now) {
        const [periodStart, periodEnd] = periodBounds(config.period, now);
        return {
          key,
          name,
          mode,
          period: config.period,
          periodStart,
          periodEnd,
          limitNanoUsd,
          filter: {
            since: periodStart,
            ...(config.provider !== undefined ? { provider: config.provider } : {}),
            ...(config.alias !== undefined ? { alias: config.alias } : {}),
            ...(tagKey !== undefined ? { tag: { key: tagKey, value: tagValue as string } } : {}),
          },
        };
      },
    };
  });
}

/** The UTC day or month containing `now`, as [start, end) in ms since the epoch. */
export function periodBounds(period: 'day' | 'month', now: number): [number, number] {
  const d = new Date(now);
  if (period === 'day') {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return [start, start + 86_400_000];
  }
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

function splitTag(tag: string): [string, string] {
  const at = tag.indexOf('=');
  return [tag.slice(0, at), tag.slice(at + 1)];
}
