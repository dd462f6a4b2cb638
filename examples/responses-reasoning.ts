/**
 * The Responses API with a reasoning model: `api: responses` on a target, a reasoning effort and summary, and a
 * tool loop that hands each turn's `reasoningState` back so the model continues its reasoning (stateless:
 * `store: false`, the reasoning travels encrypted). The same target on Azure is `type: azure-openai` on the v1 API.
 * Run: OPENAI_API_KEY=sk-... node examples/responses-reasoning.ts
 */
import { createSwitchyard, type ChatMessage } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { reasoner: { targets: [{ provider: 'openai', model: 'gpt-5.1-2025-11-13', api: 'responses' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  const tools = [{ name: 'get_fx_rate', description: 'The exchange rate between two currencies', parameters: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } }, required: ['from', 'to'], additionalProperties: false }, strict: true }];
  const messages: ChatMessage[] = [{ role: 'user', content: 'How many Ghana cedis is 250 euros?' }];
  try {
    for (let step = 0; step < 5; step++) {
      const result = await sy.chat({ model: 'reasoner', messages, tools, reasoning: { effort: 'medium', summary: true } });
      if (result.reasoning) console.log(`thinking: ${result.reasoning}`);
      if (result.toolCalls.length === 0) {
        console.log(result.text);
        return result;
      }
      // The reasoning state goes back with the assistant turn; another provider would drop it with a warning.
      messages.push({ role: 'assistant', content: result.text || null, toolCalls: result.toolCalls, ...(result.reasoningState ? { reasoning: result.reasoningState } : {}) });
      for (const call of result.toolCalls) messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify({ rate: 16.2 }) });
    }
    throw new Error('The model kept calling tools.');
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
