/**
 * Basic chat: one call through an alias.
 * Run: OPENAI_API_KEY=sk-... node examples/basic-chat.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }] } },
      ledger: { type: 'none' }, // this example keeps no usage ledger
    },
    { env },
  );
  try {
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Say hello in Twi, in five words or fewer.' }] });
    console.log(result.text);
    console.log(`${result.provider} served ${result.model}: ${result.usage.inputTokens} tokens in, ${result.usage.outputTokens} out`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
