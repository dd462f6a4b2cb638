import type { Attributes } from '@opentelemetry/api';
import type { AttemptEndEvent } from '../types/attempt-event.ts';
import { GEN_AI, SWITCHYARD } from './gen-ai-attributes.ts';
import { genAIOperationName, genAIProviderName } from './gen-ai-provider-name.ts';
import type { MetricInstruments } from './telemetry-instruments.ts';

/**
 * Records one attempt on the GenAI client metrics: its duration (with `error.type` when it failed), its input
 * and output tokens when the provider reported usage, its time to first chunk for streams, and its cost.
 */
export function recordAttemptMetrics(instruments: MetricInstruments, event: AttemptEndEvent): void {
  const attributes: Attributes = {
    [GEN_AI.operationName]: genAIOperationName(event.operation),
    [GEN_AI.providerName]: genAIProviderName(event.providerType),
    [GEN_AI.requestModel]: event.model,
    [SWITCHYARD.alias]: event.alias,
    [SWITCHYARD.provider]: event.provider,
  };
  if (event.servedModel !== undefined) attributes[GEN_AI.responseModel] = event.servedModel;

  const failed = event.outcome !== 'success';
  instruments.operationDuration.record(event.latencyMs / 1000, failed ? { ...attributes, [GEN_AI.errorType]: event.errorCode ?? event.outcome } : attributes);
  if (event.ttftMs !== undefined) instruments.timeToFirstChunk.record(event.ttftMs / 1000, attributes);
  const usage = event.usage;
  if (usage) {
    instruments.tokenUsage.record(usage.inputTokens, { ...attributes, [GEN_AI.tokenType]: 'input' });
    if (event.operation !== 'embed') instruments.tokenUsage.record(usage.outputTokens, { ...attributes, [GEN_AI.tokenType]: 'output' });
  }
  if (event.cost && event.cost.nanoUsd > 0) instruments.cost.add(event.cost.nanoUsd, attributes);
}
