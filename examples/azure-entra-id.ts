/**
 * Azure OpenAI with Microsoft Entra ID: no key; `credential: default` uses DefaultAzureCredential from
 * `@azure/identity` (npm install @azure/identity), which finds a managed identity, workload identity,
 * `az login` or AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET. Grant the identity the
 * "Cognitive Services OpenAI User" role on the resource. On the v1 API the token is asked for the scope
 * Microsoft's v1 article gives, https://ai.azure.com/.default (set `tokenScope` for another).
 * Run: AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com node examples/azure-entra-id.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: {
        azure: {
          type: 'azure-openai',
          endpoint: '${AZURE_OPENAI_ENDPOINT}',
          credential: 'default',
          apiVersion: 'v1', // the v1 API: /openai/v1/..., the deployment in the body's model
          deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } },
        },
      },
      models: { chat: { targets: [{ provider: 'azure', model: 'prod-gpt4o' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  try {
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hello from Entra ID!' }] });
    console.log(`${result.text} (${result.model})`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
