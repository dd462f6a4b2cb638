import type { AttemptEndEvent } from '../../src/types/attempt-event.ts';
import type { Usage } from '../../src/types/usage.ts';

/** A usage object as an adapter would normalise it (cached inside input, reasoning inside output). */
export function usage(input: number, output: number, parts: Partial<Usage> = {}): Usage {
  return { inputTokens: input, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: output, reasoningTokens: 0, totalTokens: input + output, ...parts };
}

/** An attempt-end event like the router emits for a successful OpenAI chat attempt. */
export function attemptEnd(overrides: Partial<AttemptEndEvent> = {}): AttemptEndEvent {
  return {
    alias: 'chat',
    provider: 'openai',
    providerType: 'openai',
    model: 'gpt-4o-2024-08-06',
    operation: 'chat',
    attempt: 1,
    hedge: false,
    startedAt: Date.UTC(2026, 10, 20, 9, 30),
    outcome: 'success',
    servedModel: 'gpt-4o-2024-08-06',
    requestId: 'req_8f3a1c2b9d7e4f60a1b2c3d4e5f60718',
    latencyMs: 412,
    usage: usage(1200, 300),
    tags: { tenant: 'acme', feature: 'search' },
    ...overrides,
  };
}
