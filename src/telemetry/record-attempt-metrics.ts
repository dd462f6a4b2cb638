import type { AttemptEndEvent } from '../types/attempt-event.ts';
import { MetricAttributeSets } from './metric-attribute-sets.ts';
import type { MetricInstruments } from './telemetry-instruments.ts';

/**
 * Records one attempt on the GenAI client metrics: its duration (with `error.type` when it failed), its input
 * and output tokens when the provider reported usage, its time to first chunk for streams, and its cost.
 * The attribute sets come from `sets`, built once per target.
 */
export function recordAttemptMetrics(instruments: MetricInstruments, event: AttemptEndEvent, sets: MetricAttributeSets): void {
  const target = sets.of(event);
  const attributes = target.base;
  const failed = event.outcome !== 'success';
  instruments.operationDuration.record(event.latencyMs / 1000, failed ? MetricAttributeSets.error(target, event.errorCode ?? event.outcome) : attributes);
  if (event.ttftMs !== undefined) instruments.timeToFirstChunk.record(event.ttftMs / 1000, attributes);
  const usage = event.usage;
  if (usage) {
    instruments.tokenUsage.record(usage.inputTokens, target.input);
    if (event.operation !== 'embed') instruments.tokenUsage.record(usage.outputTokens, target.output);
  }
  if (event.cost && event.cost.nanoUsd > 0) instruments.cost.add(event.cost.nanoUsd, attributes);
}
