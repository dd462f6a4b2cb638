import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReportTable } from '../src/cli/format-report-table.ts';
import { createSwitchyard } from '../src/switchyard.ts';
import type { Attempt } from '../src/types/attempt.ts';
import type { Cost } from '../src/types/cost.ts';
import { startFakeProviders, type FakeProviders } from './start-fake-providers.ts';

const { values } = parseArgs({ options: { real: { type: 'boolean', default: false }, config: { type: 'string' } } });
const configPath = resolve(values.config ?? new URL('./switchyard.demo.yaml', import.meta.url).pathname);

const usd = (cost: Cost | null | undefined) => (cost ? `$${cost.usd.toFixed(6)}` : 'price unknown');
const trail = (attempts: Attempt[] = []) => attempts.map((a) => `${a.provider}:${a.outcome}${a.errorCode ? `(${a.errorCode})` : ''}`).join(' → ');

async function main(): Promise<void> {
  let fakes: FakeProviders | undefined;
  if (!values.real) {
    fakes = await startFakeProviders();
    console.log('Switchyard demo: four loopback fake providers (Azure OpenAI, OpenAI, Vertex AI, vLLM on CoreWeave), no credentials.');
    console.log('The Azure primary answers 429 (retry after 1 s) and then 503.\n');
  }
  const env = { ...process.env, ...fakes?.env };
  const startedAt = Date.now();
  const sy = createSwitchyard(configPath, { env });
  let callStart = Date.now();
  sy.on('attempt-end', (e) =>
    console.log(`    attempt ${e.attempt} at +${e.startedAt - callStart} ms: ${e.provider} (${e.model}) ${e.outcome}${e.errorCode ? ` ${e.errorCode}` : ''}, ${e.latencyMs.toFixed(0)} ms`),
  );
  sy.on('failover', (e) => console.log(`    failover: ${e.from.provider} failed (${e.errorCode}), trying ${e.to.provider}`));
  sy.on('circuit-open', (e) => console.log(`    circuit open for ${e.provider}: ${e.reason}`));
  sy.on('warning', (w) => console.log(`    warning: ${String(w.message ?? JSON.stringify(w))}`));

  try {
    console.log('1. chat (alias "chat": azure-east → openai → vertex; 2 tries per target)');
    callStart = Date.now();
    const chat = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Where did this answer come from?' }], maxTokens: 100, tags: { tenant: 'acme', feature: 'demo' } });
    console.log(`   "${chat.text}"`);
    console.log(`   served by ${chat.provider} (${chat.model}), ${chat.usage.inputTokens} in (${chat.usage.cachedInputTokens} cached) / ${chat.usage.outputTokens} out, ${usd(chat.cost)}`);
    console.log(`   path: ${trail(chat.attempts)}\n`);

    console.log('2. stream (same alias)');
    callStart = Date.now();
    let streamed = '';
    let deltas = 0;
    for await (const part of sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Stream something.' }], tags: { tenant: 'acme', feature: 'demo' } })) {
      if (part.type === 'text-delta') {
        streamed += part.text;
        deltas++;
      }
      if (part.type === 'finish') {
        console.log(`   "${streamed}" (${deltas} deltas)`);
        console.log(`   served by ${part.provider} (${part.model}), finish ${part.finishReason}, ${part.usage.totalTokens} tokens, ${usd(part.cost)}`);
        console.log(`   path: ${trail(part.attempts)}\n`);
      }
    }

    console.log('3. embed (alias "embeddings": azure-east → vertex)');
    callStart = Date.now();
    const embedded = await sy.embed({ model: 'embeddings', input: ['failover', 'for embeddings too'], tags: { tenant: 'acme' } });
    console.log(`   ${embedded.embeddings.length} vectors of ${embedded.embeddings[0]?.length} dimensions from ${embedded.provider} (${embedded.model}), ${usd(embedded.cost)}`);
    console.log(`   path: ${trail(embedded.attempts)}\n`);

    console.log('4. chat (alias "open-weights": coreweave → openai)');
    callStart = Date.now();
    const open = await sy.chat({ model: 'open-weights', messages: [{ role: 'user', content: 'Hello' }], tags: { tenant: 'globex' } });
    console.log(`   "${open.text}" from ${open.provider} (${open.model}), ${usd(open.cost)}\n`);

    const health = sy.health().targets.map((t) => `${t.alias}/${t.provider}: ${t.state}`).join(', ');
    console.log(`Circuit breakers: ${health}\n`);

    const report = await sy.costReport({ since: startedAt, groupBy: ['provider'] });
    console.log(`Cost report per provider (this run, from the ledger ${String(sy.config.ledger && 'path' in sy.config.ledger ? sy.config.ledger.path : 'default')}):`);
    console.log(formatReportTable(report));
  } finally {
    await sy.close();
    await fakes?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
