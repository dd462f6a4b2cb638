import type { JSONObject, LanguageModelV4FinishReason, LanguageModelV4Usage, SharedV4ProviderMetadata, SharedV4Warning } from '@ai-sdk/provider';
import type { ReasoningProviderData } from '../types/assistant-reasoning.ts';
import type { CallMetadata } from '../types/call-metadata.ts';
import type { Usage } from '../types/usage.ts';
import type { Warning } from '../types/warning.ts';

/** AI SDK usage from Switchyard usage (input includes cached tokens, output includes reasoning, in both). */
export function mapUsage(usage: Usage): LanguageModelV4Usage {
  const raw = usage.raw;
  return {
    inputTokens: { total: usage.inputTokens, noCache: usage.inputTokens - usage.cachedInputTokens, cacheRead: usage.cachedInputTokens, cacheWrite: usage.cacheWriteTokens },
    outputTokens: { total: usage.outputTokens, text: usage.outputTokens - usage.reasoningTokens, reasoning: usage.reasoningTokens },
    ...(raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { raw: raw as JSONObject } : {}),
  };
}

/** The finish reason: Switchyard's values are a subset of the AI SDK's unified ones. */
export function mapFinishReason(metadata: Pick<CallMetadata, 'finishReason' | 'rawFinishReason'>): LanguageModelV4FinishReason {
  return { unified: metadata.finishReason, raw: metadata.rawFinishReason ?? undefined };
}

/** AI SDK warnings from Switchyard's. */
export function mapWarnings(warnings: readonly Warning[]): SharedV4Warning[] {
  return warnings.map((w): SharedV4Warning => (w.type === 'unsupported-setting' ? { type: 'unsupported', feature: w.setting ?? 'setting', details: w.message } : { type: 'other', message: w.message }));
}

/**
 * `providerMetadata.switchyard`: which provider served (its config id), the model it served, every attempt the
 * router made (failovers and skips included), the cost (`null` when a price is unknown), the request id, the capacity
 * that served (`capacity`: tier, and the serving deployment when it differs) and, for streams, the provider's warnings
 * (`warnings`).
 */
export function mapProviderMetadata(metadata: Pick<CallMetadata, 'provider' | 'model' | 'attempts' | 'cost' | 'requestId' | 'capacity'>, warnings?: readonly Warning[]): SharedV4ProviderMetadata {
  const switchyard: JSONObject = { model: metadata.model };
  if (metadata.provider !== undefined) switchyard.provider = metadata.provider;
  if (metadata.attempts !== undefined) switchyard.attempts = metadata.attempts.map(({ limit, ...a }) => (limit ? { ...a, limit: { ...limit } } : a));
  if (metadata.cost !== undefined) switchyard.cost = metadata.cost === null ? null : { usd: metadata.cost.usd, nanoUsd: metadata.cost.nanoUsd };
  if (metadata.requestId !== undefined) switchyard.requestId = metadata.requestId;
  if (metadata.capacity !== undefined) switchyard.capacity = { ...metadata.capacity } as JSONObject;
  if (warnings?.length) switchyard.warnings = warnings.map((w) => ({ ...w }));
  return { switchyard };
}

/** The `providerMetadata` of a reasoning part: the provider's reasoning state, which comes back as the part's `providerOptions`. */
export function reasoningMetadata(state: ReasoningProviderData): SharedV4ProviderMetadata {
  return { switchyard: { reasoningState: state as unknown as JSONObject } };
}
