/**
 * Reasoning across providers: one effort for Gemini and OpenAI, the thoughts as they stream, and the turn's reasoning
 * state sent back so that Gemini continues from its own thought signatures (and a fallback never receives them).
 * Run: GOOGLE_CLOUD_PROJECT=<project> VERTEX_ACCESS_TOKEN="$(gcloud auth print-access-token)" OPENAI_API_KEY=sk-... node examples/reasoning.ts
 */
import { createSwitchyard, type ChatMessage } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: {
        vertex: { type: 'vertex', project: '${GOOGLE_CLOUD_PROJECT}', location: 'global', accessToken: '${VERTEX_ACCESS_TOKEN}' },
        openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
      },
      models: { think: { targets: [{ provider: 'vertex', model: 'gemini-2.5-flash' }, { provider: 'openai', model: 'gpt-5-mini' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  try {
    const messages: ChatMessage[] = [{ role: 'user', content: 'A bat and a ball cost $1.10; the bat costs $1 more. What does the ball cost?' }];
    let answer = '';
    let state;
    for await (const part of sy.stream({ model: 'think', messages, reasoning: { effort: 'medium', summary: true } })) {
      if (part.type === 'reasoning-delta') process.stdout.write(`[thinking] ${part.text}\n`);
      if (part.type === 'text-delta') answer += part.text;
      if (part.type === 'finish') {
        state = part.reasoningState;
        console.log(`${answer}\n(${part.provider}: ${part.usage.reasoningTokens} of ${part.usage.outputTokens} output tokens were reasoning)`);
      }
    }
    messages.push({ role: 'assistant', content: answer, ...(state ? { reasoning: state } : {}) }, { role: 'user', content: 'And if the bat cost $2 more?' });
    const next = await sy.chat({ model: 'think', messages, reasoning: { effort: 'low' } });
    console.log(next.text);
    return { answer, next: next.text };
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
