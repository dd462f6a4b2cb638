import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import type { FailoverEvent, HedgeEvent } from '../router/switchyard-events.ts';
import type { AttemptEndEvent, AttemptStartEvent } from '../types/attempt-event.ts';
import type { CallMetadata } from '../types/call-metadata.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { EmbedResult } from '../types/embed-result.ts';
import type { ToolCall } from '../types/tool-call.ts';
import { genAIFinishReason, toInputMessages, toOutputMessages, toToolDefinitions } from './content-messages.ts';
import { GEN_AI, SWITCHYARD } from './gen-ai-attributes.ts';
import { genAIOperationName, genAIProviderName } from './gen-ai-provider-name.ts';
import { otelApi } from './otel-api.ts';
import { requestAttributes, setCostAttributes, setUsageAttributes } from './span-attributes.ts';

type Operation = 'chat' | 'stream' | 'embed';

interface OpenAttempt {
  span: Span;
  startedAt: number;
  provider: string;
  model: string;
}

/** What a finished call reports: a chat result, a stream's `finish` part, or an embedding result. */
export type CallOutcome = Pick<CallMetadata, 'usage' | 'model' | 'provider' | 'cost'> & Partial<Pick<CallMetadata, 'finishReason'>>;

/**
 * The spans of one routed call: the call span (from the caller's request to the end of the result or stream,
 * failovers included) and one client span per attempt under it, fed by the router's attempt events.
 */
export class CallTrace {
  /** The context whose active span is the call span. */
  readonly context: Context;
  /** Called once when the call span ends. */
  onEnd: (() => void) | undefined;
  readonly #tracer: Tracer;
  readonly #span: Span;
  /** The request's `gen_ai.request.*` attributes, computed once for the call span and every attempt span. */
  readonly #requestAttributes: Attributes;
  readonly #attempts = new Map<number, OpenAttempt>();
  #started = 0;
  #failovers = 0;
  #failover: FailoverEvent | undefined;
  #servedType: string | undefined;
  #ended = false;

  private constructor(tracer: Tracer, span: Span, parent: Context, requestAttributes: Attributes) {
    this.#tracer = tracer;
    this.#span = span;
    this.context = otelApi().trace.setSpan(parent, span);
    this.#requestAttributes = requestAttributes;
  }

  /** Starts the call span under the caller's active span; undefined when it is not recorded (sampled out). */
  static start(tracer: Tracer, operation: Operation, request: ChatRequest | EmbedRequest, recordContent: boolean): CallTrace | undefined {
    const name = genAIOperationName(operation);
    const parent = otelApi().context.active();
    const settings = requestAttributes(request);
    const span = tracer.startSpan(`${name} ${request.model}`, { kind: otelApi().SpanKind.INTERNAL, attributes: { [GEN_AI.operationName]: name, [GEN_AI.requestModel]: request.model, [SWITCHYARD.alias]: request.model, ...settings } }, parent);
    if (!span.isRecording()) {
      span.end();
      return undefined;
    }
    if (operation === 'stream') span.setAttribute(SWITCHYARD.stream, true);
    if (recordContent && 'messages' in request) {
      span.setAttribute(GEN_AI.inputMessages, toInputMessages(request.messages));
      if (request.tools?.length) span.setAttribute(GEN_AI.toolDefinitions, toToolDefinitions(request.tools));
    }
    return new CallTrace(tracer, span, parent, settings);
  }

  /** True when `event` is an attempt of this call that has not ended. */
  ownsAttempt(event: AttemptStartEvent): boolean {
    const open = this.#attempts.get(event.attempt);
    return open !== undefined && open.startedAt === event.startedAt && open.provider === event.provider && open.model === event.model;
  }

  /** Starts the client span of an attempt (`attempt-start`), with the failover that led to it, if one did. */
  attemptStarted(event: AttemptStartEvent): void {
    if (this.#ended) return;
    this.#started++;
    const name = genAIOperationName(event.operation);
    const span = this.#tracer.startSpan(`${name} ${event.model}`, { kind: otelApi().SpanKind.CLIENT, attributes: { [GEN_AI.operationName]: name, [GEN_AI.providerName]: genAIProviderName(event.providerType), [GEN_AI.requestModel]: event.model, [SWITCHYARD.alias]: event.alias, [SWITCHYARD.provider]: event.provider, [SWITCHYARD.attempt]: event.attempt, ...this.#requestAttributes } }, this.context);
    if (event.hedge) span.setAttribute(SWITCHYARD.hedge, true);
    const failover = this.#failover;
    if (failover && failover.to.provider === event.provider && failover.to.model === event.model) {
      span.setAttribute(SWITCHYARD.failoverFrom, failover.from.provider);
      span.setAttribute(SWITCHYARD.failoverReason, failover.errorCode ?? 'unknown');
      this.#failover = undefined;
    }
    this.#attempts.set(event.attempt, { span, startedAt: event.startedAt, provider: event.provider, model: event.model });
  }

  /** Ends an attempt's span (`attempt-end`) with its outcome, served model, usage, cost and error type. */
  attemptEnded(event: AttemptEndEvent): void {
    if (!this.ownsAttempt(event)) return;
    const { span } = this.#attempts.get(event.attempt) as OpenAttempt;
    this.#attempts.delete(event.attempt);
    span.setAttribute(SWITCHYARD.outcome, event.outcome);
    if (event.servedModel !== undefined) span.setAttribute(GEN_AI.responseModel, event.servedModel);
    if (event.usage) setUsageAttributes(span, event.usage);
    setCostAttributes(span, event.cost);
    if (event.requestId !== undefined) span.setAttribute(SWITCHYARD.requestId, event.requestId);
    if (event.apiVersion !== undefined) span.setAttribute(SWITCHYARD.apiVersion, event.apiVersion);
    if (event.drift !== undefined) span.setAttribute(SWITCHYARD.drift, event.drift);
    if (event.ttftMs !== undefined) span.setAttribute(SWITCHYARD.ttftMs, event.ttftMs);
    if (event.outcome === 'success') this.#servedType = event.providerType;
    else {
      span.setAttribute(GEN_AI.errorType, event.errorCode ?? event.outcome);
      // An abort (the caller's, or a hedge that lost) is not the provider's failure.
      if (event.outcome === 'error') span.setStatus({ code: otelApi().SpanStatusCode.ERROR, ...(event.errorMessage ? { message: event.errorMessage } : {}) });
    }
    span.end();
  }

  /** Notes a failover (`failover`): an event on the call span, and the reason for the next attempt's span. */
  failedOver(event: FailoverEvent): void {
    this.#failovers++;
    this.#failover = event;
    this.#span.addEvent('switchyard.failover', { 'switchyard.failover.from': event.from.provider, 'switchyard.failover.to': event.to.provider, [SWITCHYARD.failoverReason]: event.errorCode ?? 'unknown' });
  }

  /** Notes a hedge (`hedge`) as an event on the call span. */
  hedged(event: HedgeEvent): void {
    this.#span.addEvent('switchyard.hedge', { 'switchyard.hedge.primary': event.primary.provider, 'switchyard.hedge.started': event.hedge.provider, 'switchyard.hedge.after_ms': event.afterMs });
  }

  /** Ends the call span with the result; `output` is the reply to record when content recording is on. */
  succeed(outcome: CallOutcome | EmbedResult, output?: { text: string; toolCalls: readonly Pick<ToolCall, 'id' | 'name' | 'arguments'>[] }): void {
    if (this.#ended) return;
    const span = this.#span;
    if (this.#servedType !== undefined) span.setAttribute(GEN_AI.providerName, genAIProviderName(this.#servedType));
    if (outcome.provider !== undefined) span.setAttribute(SWITCHYARD.provider, outcome.provider);
    span.setAttribute(GEN_AI.responseModel, outcome.model);
    setUsageAttributes(span, outcome.usage);
    setCostAttributes(span, outcome.cost);
    const finishReason = 'finishReason' in outcome ? outcome.finishReason : undefined;
    if (finishReason !== undefined) {
      span.setAttribute(GEN_AI.responseFinishReasons, [genAIFinishReason(finishReason)]);
      if (output) span.setAttribute(GEN_AI.outputMessages, toOutputMessages(output.text, output.toolCalls, finishReason));
    }
    this.#end();
  }

  /** Ends the call span with the error that ended the call. */
  fail(error: unknown): void {
    if (this.#ended) return;
    const code = (error as { code?: unknown } | null)?.code;
    this.#span.setAttribute(GEN_AI.errorType, typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown');
    if (error instanceof Error) this.#span.recordException(error);
    this.#span.setStatus({ code: otelApi().SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    this.#end();
  }

  /** Ends the call span of a stream the caller stopped reading. */
  cancel(): void {
    if (this.#ended) return;
    this.#span.setAttribute(SWITCHYARD.outcome, 'aborted');
    this.#end();
  }

  #end(): void {
    this.#ended = true;
    for (const open of this.#attempts.values()) open.span.end();
    this.#attempts.clear();
    this.#span.setAttribute(SWITCHYARD.attempts, this.#started);
    this.#span.setAttribute(SWITCHYARD.failovers, this.#failovers);
    this.#span.end();
    this.onEnd?.();
  }
}
