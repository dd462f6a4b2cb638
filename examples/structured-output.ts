/**
 * Structured output with zod: the reply follows the schema (OpenAI `json_schema`, Vertex `responseSchema`).
 * Run: OPENAI_API_KEY=sk-... node examples/structured-output.ts
 */
import * as z from 'zod';
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

const Recipe = z.strictObject({
  name: z.string(),
  servings: z.number().int(),
  ingredients: z.array(z.strictObject({ item: z.string(), quantity: z.string() })),
});

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  try {
    const result = await sy.chat({
      model: 'chat',
      messages: [{ role: 'user', content: 'A simple jollof rice recipe.' }],
      responseFormat: { type: 'json', schema: Recipe, name: 'recipe', strict: true },
    });
    const recipe = Recipe.parse(JSON.parse(result.text));
    console.log(`${recipe.name} (serves ${recipe.servings}): ${recipe.ingredients.map((i) => i.item).join(', ')}`);
    return recipe;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
