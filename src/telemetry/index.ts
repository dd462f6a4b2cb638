export { withTelemetry } from './with-telemetry.ts';
export type { TelemetrySettings } from './telemetry-settings.ts';
export { GEN_AI, METRICS, SWITCHYARD } from './gen-ai-attributes.ts';
export { genAIProviderName } from './gen-ai-provider-name.ts';
