import type { Usage } from '../../src/types/usage.ts';

/** An all-zero usage, for calls whose provider reported none. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 };
}
