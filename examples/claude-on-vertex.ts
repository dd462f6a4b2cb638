/**
 * Claude on Vertex AI, with Gemini as its fallback on the same project and credentials: a cached system prompt,
 * Claude's thinking as reasoning, the usage with cache reads and writes, and the cost.
 * Run: GOOGLE_CLOUD_PROJECT=<project> VERTEX_ACCESS_TOKEN="$(gcloud auth print-access-token)" node examples/claude-on-vertex.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

const POLICY = 'You are the support agent of Acme Freight. Answer in two sentences. Refunds: within 30 days of delivery.';

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: { vertex: { type: 'vertex', project: '${GOOGLE_CLOUD_PROJECT}', location: 'global', accessToken: '${VERTEX_ACCESS_TOKEN}' } },
      models: {
        support: {
          // claude-* ids go to Anthropic's :rawPredict on Vertex; the @date pins the snapshot.
          targets: [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }],
        },
      },
      ledger: { type: 'none' },
    },
    { env },
  );
  sy.on('failover', (e) => console.log(`${e.from.model} failed (${e.errorCode}): trying ${e.to.model}`));
  try {
    const result = await sy.chat({
      model: 'support',
      messages: [
        { role: 'system', content: POLICY },
        { role: 'user', content: 'My parcel arrived 12 days ago, broken. Can I get my money back?' },
      ],
      cache: { breakpoints: ['system'] }, // Claude caches the prompt up to the system prompt (Gemini caches on its own)
      reasoning: { effort: 'low' },
      maxTokens: 4096,
    });
    if (result.reasoning) console.log(`thinking: ${result.reasoning}`);
    console.log(result.text);
    const u = result.usage;
    console.log(`${result.model}: ${u.inputTokens} in (${u.cachedInputTokens} cached, ${u.cacheWriteTokens} written), ${u.outputTokens} out, $${result.cost?.usd ?? '?'}`);
    return result;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
