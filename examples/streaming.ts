/**
 * Streaming: print text as it arrives; the `finish` part says who served it, the usage and the cost.
 * Run: OPENAI_API_KEY=sk-... node examples/streaming.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' }], timeouts: { firstTokenMs: 10_000 } } },
      ledger: { type: 'none' },
    },
    { env },
  );
  let text = '';
  try {
    for await (const part of sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Write a haiku about the Volta river.' }] })) {
      if (part.type === 'text-delta') {
        process.stdout.write(part.text);
        text += part.text;
      } else if (part.type === 'finish') {
        console.log(`\n[${part.finishReason}] ${part.provider} / ${part.model}, ${part.usage.outputTokens} tokens, $${part.cost?.usd ?? '?'}`);
      }
    }
    return text;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
