import { calcPrice, findProvider, type MatchLogic } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { loadGenaiPriceCatalogue } from '../../src/metering/genai-price-catalogue.ts';
import { GENAI_PRICES_PROVIDER_BY_TYPE } from '../../src/metering/genai-prices-source.ts';

const PROVIDERS = Object.values(GENAI_PRICES_PROVIDER_BY_TYPE);

/** Model ids a rule accepts or nearly accepts: its literals as they are, dated, suffixed, in upper case, cut short. */
function idsOf(rule: MatchLogic, out: Set<string>): void {
  const r = rule as Record<string, unknown>;
  if ('or' in r) for (const m of r.or as MatchLogic[]) idsOf(m, out);
  else if ('and' in r) for (const m of r.and as MatchLogic[]) idsOf(m, out);
  else {
    const literal = (r.equals ?? r.starts_with ?? r.ends_with ?? r.contains) as string | undefined;
    if (literal === undefined) return;
    for (const id of [literal, `${literal}-2024-08-06`, `${literal}-20240806`, `${literal}-latest`, literal.toUpperCase(), ` ${literal} `, literal.slice(0, -1), `x-${literal}`]) out.add(id);
  }
}

describe('the genai-prices catalogue', () => {
  const catalogue = loadGenaiPriceCatalogue(PROVIDERS);

  it.each(PROVIDERS)('should find the model calcPrice finds for every id %s knows, and for none it does not', (providerId) => {
    const provider = findProvider({ providerId });
    expect(provider, providerId).toBeDefined();
    const ids = new Set<string>(['', 'no-such-model', 'gpt-4o-mini', 'gemini-2.5-flash', 'text-embedding-3-small']);
    for (const model of provider?.models ?? []) {
      ids.add(model.id);
      idsOf(model.match, ids);
    }
    expect(ids.size).toBeGreaterThan(50);
    for (const id of ids) {
      const expected = calcPrice({ input_tokens: 0 }, id, { providerId })?.model.id ?? null;
      expect(catalogue.find(providerId, id)?.id ?? null, `${providerId} ${JSON.stringify(id)}`).toBe(expected);
    }
  });

  it('should give the same prices as the package', () => {
    const found = catalogue.find('openai', 'gpt-4o-2024-08-06');
    const expected = calcPrice({ input_tokens: 0 }, 'gpt-4o-2024-08-06', { providerId: 'openai' })?.model;
    expect(found?.prices).toEqual(expected?.prices);
    // Azure's catalogue falls back to OpenAI's models.
    expect(catalogue.find('azure', 'gpt-4o-mini')?.id).toBe(calcPrice({ input_tokens: 0 }, 'gpt-4o-mini', { providerId: 'azure' })?.model.id);
  });

  it('should know nothing of a provider it was neither asked for nor falls back to', () => {
    expect(catalogue.find('groq', 'gemma-7b-it')).toBeNull();
    expect(loadGenaiPriceCatalogue(['groq']).find('groq', 'gemma-7b-it')?.id).toBe('gemma-7b-it');
    // Vertex's Claude models come from Google's fallback to Anthropic's catalogue.
    expect(catalogue.find('google', 'claude-sonnet-4-5')?.id).toBe(calcPrice({ input_tokens: 0 }, 'claude-sonnet-4-5', { providerId: 'google' })?.model.id);
  });
});
