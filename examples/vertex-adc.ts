/**
 * Vertex AI (Gemini) with Application Default Credentials: `gcloud auth application-default login` on a laptop,
 * the attached service account on Google Cloud, or GOOGLE_APPLICATION_CREDENTIALS pointing at a key file.
 * Needs google-auth-library (npm install google-auth-library).
 * Run: GOOGLE_CLOUD_PROJECT=<project> GOOGLE_CLOUD_LOCATION=europe-west4 node examples/vertex-adc.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { vertex: { type: 'vertex', project: '${GOOGLE_CLOUD_PROJECT}', location: '${GOOGLE_CLOUD_LOCATION:-us-central1}', apiVersion: 'v1' } },
      models: { chat: { targets: [{ provider: 'vertex', model: 'gemini-2.0-flash-001' }] } },
      ledger: { type: 'none' },
    },
    { env },
  );
  try {
    const result = await sy.chat({
      model: 'chat',
      messages: [
        { role: 'system', content: 'You answer in one sentence.' },
        { role: 'user', content: 'What is Gemini?' },
      ],
    });
    console.log(`${result.text} (${result.model}, ${result.usage.totalTokens} tokens)`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
