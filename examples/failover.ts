/**
 * Failover: a config file with a chain of providers; events say why a call moved on.
 * Run: AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com AZURE_OPENAI_API_KEY=... OPENAI_API_KEY=sk-...
 *      GOOGLE_CLOUD_PROJECT=<project> node examples/failover.ts   (Vertex uses Application Default Credentials)
 */
import { fileURLToPath } from 'node:url';
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(fileURLToPath(new URL('./failover.yaml', import.meta.url)), { env });
  sy.on('failover', (e) => console.log(`${e.from.provider} failed (${e.errorCode}): trying ${e.to.provider}`));
  try {
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Name one river in Ghana.' }] });
    console.log(`${result.text}\n(served by ${result.provider}, ${result.model})`);
    for (const a of result.attempts ?? []) console.log(`  ${a.provider}/${a.model}: ${a.outcome}${a.errorCode ? ` ${a.errorCode}` : ''} in ${a.latencyMs} ms`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
