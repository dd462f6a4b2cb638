/**
 * CoreWeave: your own vLLM (or NVIDIA NIM) deployment on CKS, with CoreWeave Serverless Inference as the fallback.
 * Run: VLLM_BASE_URL=https://llm.acme.example/v1 VLLM_API_KEY=... COREWEAVE_API_KEY=... node examples/coreweave-vllm.ts
 */
import { createSwitchyard } from '../src/index.ts'; // in your app: from 'switchyard'

export async function main(env: Record<string, string | undefined> = process.env) {
  const sy = createSwitchyard(
    {
      providers: {
        // `--served-model-name` of your vLLM server is the model id; `--api-key` is sent as a bearer token.
        vllm: { type: 'coreweave', baseURL: '${VLLM_BASE_URL}', apiKey: '${VLLM_API_KEY}' },
        serverless: { type: 'coreweave', apiKey: '${COREWEAVE_API_KEY}' },
      },
      models: {
        llama: {
          targets: [
            { provider: 'vllm', model: 'meta-llama/Llama-3.3-70B-Instruct' },
            { provider: 'serverless', model: 'meta-llama/Llama-3.3-70B-Instruct' },
          ],
        },
      },
      ledger: { type: 'none' },
    },
    { env },
  );
  try {
    let text = '';
    for await (const part of sy.stream({ model: 'llama', messages: [{ role: 'user', content: 'One fun fact about GPUs.' }], maxTokens: 200 })) {
      if (part.type === 'text-delta') text += part.text;
      else if (part.type === 'finish') console.log(`${text}\n(${part.provider}: ${part.usage.inputTokens} + ${part.usage.outputTokens} tokens)`);
    }
    return text;
  } finally {
    await sy.close();
  }
}

if (import.meta.main) await main();
