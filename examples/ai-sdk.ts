/**
 * The AI SDK: any Switchyard alias as an AI SDK model, so `generateText` and `streamText` get routing and failover.
 * Run: AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com AZURE_OPENAI_API_KEY=... OPENAI_API_KEY=sk-... node examples/ai-sdk.ts
 */
import { generateText, streamText } from 'ai';
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'
import { createSwitchyardProvider } from '../src/ai-sdk/index.ts'; // in your app: from 'switchyard/ai-sdk'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: {
        azure: { type: 'azure-openai', endpoint: '${AZURE_OPENAI_ENDPOINT}', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: 'v1', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
        openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
      },
      models: { chat: { targets: [{ provider: 'azure', model: 'prod-gpt4o' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  const switchyard = createSwitchyardProvider(sy);
  try {
    const { text, providerMetadata } = await generateText({ model: switchyard('chat'), prompt: 'Name a West African city.' });
    console.log(`${text} (served by ${providerMetadata?.switchyard?.provider})`);

    const result = streamText({ model: switchyard('chat'), prompt: 'Count to five.' });
    for await (const delta of result.textStream) process.stdout.write(delta);
    console.log();
    return { text, streamed: await result.text };
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
