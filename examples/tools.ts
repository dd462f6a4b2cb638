/**
 * Tools: the model asks for a function call, the app runs it and sends the result back.
 * Run: OPENAI_API_KEY=sk-... node examples/tools.ts
 */
import { createSwitchyard, type ChatMessage, type ToolDefinition } from '../src/index.ts'; // in your app: from 'switchyard'

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'The current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
];

// Your function; here a stand-in.
function getWeather(args: { city: string }) {
  return { city: args.city, temperatureC: 31, sky: 'partly cloudy' };
}

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' } },
      models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  const messages: ChatMessage[] = [{ role: 'user', content: 'Should I take an umbrella in Accra today?' }];
  try {
    for (let step = 0; step < 5; step++) {
      const result = await sy.chat({ model: 'chat', messages, tools });
      if (result.toolCalls.length === 0) {
        console.log(result.text);
        return result.text;
      }
      messages.push({ role: 'assistant', content: result.text || null, toolCalls: result.toolCalls });
      for (const call of result.toolCalls) {
        console.log(`calling ${call.name}(${call.rawArguments})`);
        const output = getWeather(call.arguments as { city: string });
        messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(output) });
      }
    }
    throw new Error('The model kept calling tools.');
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
