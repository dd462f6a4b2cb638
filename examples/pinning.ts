/**
 * Version pinning: OpenAI's `gpt-4o` alias floats, so the target pins the snapshot it was tested with; a response
 * from another version fails over to the Azure deployment, which pins its model version itself.
 * Run: OPENAI_API_KEY=sk-... AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com AZURE_OPENAI_API_KEY=... node examples/pinning.ts
 * In CI: npx switchyard pins --config switchyard.yaml --check
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: {
        openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
        azure: { type: 'azure-openai', endpoint: '${AZURE_OPENAI_ENDPOINT}', apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: 'v1', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
      },
      models: {
        chat: {
          versions: { onDrift: 'failover' },
          targets: [
            { provider: 'openai', model: 'gpt-4o', pin: 'gpt-4o-2024-08-06' },
            { provider: 'azure', model: 'prod-gpt4o' },
          ],
        },
      },
      ledger: { type: 'none' },
    },
    { env },
  );
  sy.on('drift', (e) => console.log(`${e.provider} served ${e.served}, pinned ${e.pin}: ${e.action}`));
  try {
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hello' }] });
    console.log(`${result.provider} served ${result.model}`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
