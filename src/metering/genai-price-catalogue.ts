import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import type { MatchLogic, ModelInfo, Provider } from '@pydantic/genai-prices';
import { missingDependencyError } from '../runtime/missing-dependency-error.ts';

/** What of the package's data a lookup needs: a provider's models, in order, and where it falls back to. */
interface CatalogueProvider {
  id: string;
  models: readonly ModelInfo[];
  fallbacks: readonly string[];
}

/** A catalogue of list prices for some providers, taken from `@pydantic/genai-prices` and matched the way it matches. */
export interface GenaiPriceCatalogue {
  /** The model entry whose `match` fits `model` at `providerId` (its fallback providers included), or null. */
  find(providerId: string, model: string): ModelInfo | null;
}

/** The exports of the package this file uses. */
interface GenaiPricesExports {
  findProvider(options: { providerId: string }): Provider | undefined;
}

/**
 * Loads the price data of `@pydantic/genai-prices` and keeps only the providers asked for (and those they fall back
 * to): their model ids, match rules and prices. The package keeps every provider's data in one module (480 KB of
 * code, about 2 MB of heap after a full collection and more until then), which a `require` would hold for the life of
 * the process; this compiles the package's file as a function of its own, copies what it needs out of it and lets the
 * rest go, so the heap keeps about 0.25 MB (measured in `bench/PROFILE-NOTES.md`). The
 * matching is the package's 0.1.8 `calcPrice` (tested against it on every model id of these providers):
 * case-insensitive `equals`/`starts_with`/`ends_with`/`contains`/`regex` with `or`/`and`, the first model of the
 * provider that matches, then its `fallback_model_providers` in order, then the same with a `-YYYYMMDD` date in the
 * id written `-YYYY-MM-DD`.
 */
export function loadGenaiPriceCatalogue(providerIds: readonly string[]): GenaiPriceCatalogue {
  const pkg = loadPackageFresh();
  const providers = new Map<string, CatalogueProvider>();
  const pending = [...providerIds];
  while (pending.length > 0) {
    const id = pending.shift() as string;
    if (providers.has(id)) continue;
    const provider = pkg.findProvider({ providerId: id });
    if (provider === undefined) continue;
    const fallbacks = provider.fallback_model_providers ?? [];
    // Only what matching and pricing read; copies, so that nothing keeps the package's data alive.
    const models = provider.models.map((m) => structuredClone({ id: m.id, match: m.match, prices: m.prices }) as ModelInfo);
    providers.set(id, { id, models, fallbacks: [...fallbacks] });
    pending.push(...fallbacks);
  }
  return {
    find(providerId, model) {
      const provider = providers.get(providerId);
      if (provider === undefined) return null;
      const id = model.toLowerCase().trim();
      const found = findModel(provider, id, providers, true);
      if (found) return found;
      const dated = withDashedDate(id);
      return dated === id ? null : findModel(provider, dated, providers, true);
    },
  };
}

function findModel(provider: CatalogueProvider, model: string, providers: ReadonlyMap<string, CatalogueProvider>, withFallbacks: boolean): ModelInfo | null {
  for (const info of provider.models) if (matches(info.match, model)) return info;
  if (!withFallbacks) return null;
  for (const id of provider.fallbacks) {
    const fallback = providers.get(id);
    const found = fallback ? findModel(fallback, model, providers, false) : null;
    if (found) return found;
  }
  return null;
}

/** Whether `rule` accepts `model`, which `find` has already lowercased (the rule's literals are compared lowercased). */
function matches(rule: MatchLogic, model: string): boolean {
  const r = rule as Record<string, unknown>;
  if ('or' in r) return (r.or as MatchLogic[]).some((m) => matches(m, model));
  if ('and' in r) return (r.and as MatchLogic[]).every((m) => matches(m, model));
  if ('equals' in r) return model === (r.equals as string).toLowerCase();
  if ('starts_with' in r) return model.startsWith((r.starts_with as string).toLowerCase());
  if ('ends_with' in r) return model.endsWith((r.ends_with as string).toLowerCase());
  if ('contains' in r) return model.includes((r.contains as string).toLowerCase());
  if ('regex' in r) return new RegExp(r.regex as string).test(model);
  return false;
}

const COMPACT_DATE = /(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/** `gpt-4o-20240806` -> `gpt-4o-2024-08-06` (only real dates). */
function withDashedDate(model: string): string {
  return model.replace(COMPACT_DATE, (all: string, dash: string, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d) ? all : `${dash}${y}-${m}-${d}`;
  });
}

/** The package's CommonJS build run as a function of its own, outside the module cache: garbage once dropped. */
function loadPackageFresh(): GenaiPricesExports {
  let file: string;
  try {
    // The CommonJS build (the `require` condition): one file, no imports, its exports set on `exports`.
    file = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
  } catch (error) {
    throw missingDependencyError('@pydantic/genai-prices', error);
  }
  const run = compileFunction(readFileSync(file, 'utf8'), ['exports', 'module'], { filename: file });
  const module = { exports: {} as Record<string, unknown> };
  run(module.exports, module);
  return module.exports as unknown as GenaiPricesExports;
}
