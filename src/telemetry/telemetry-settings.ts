import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/**
 * OpenTelemetry settings of `createSwitchyard` (option `telemetry`) and `withTelemetry`. Telemetry goes through
 * `@opentelemetry/api` only: with no SDK registered it records nothing and allocates nothing per call.
 */
export interface TelemetrySettings {
  /** Turns spans and metrics off. @default true */
  enabled?: boolean | undefined;
  /** The tracer provider to use. @default the global one (`trace.getTracerProvider()`), looked up on every call */
  tracerProvider?: TracerProvider | undefined;
  /** The meter provider to use. @default the global one (`metrics.getMeterProvider()`), looked up on every call */
  meterProvider?: MeterProvider | undefined;
  /**
   * Record prompts and completions on the call span (`gen_ai.input.messages`, `gen_ai.output.messages`,
   * `gen_ai.tool.definitions`, as JSON). They may hold personal data and secrets: opt in knowingly.
   * @default false
   */
  recordContent?: boolean | undefined;
}
