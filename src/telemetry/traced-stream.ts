import type { StreamPart } from '../types/stream-part.ts';
import type { ToolCall } from '../types/tool-call.ts';
import type { CallTrace } from './call-trace.ts';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A routed stream under a call span: the span starts on the first `next()` (when the stream opens) and ends
 * with the `finish` part, the error that ended the stream, or the caller's `return()`. Each `next()` runs in the
 * call's context, so that the router's attempt events find their call span.
 */
export class TracedStream implements AsyncIterator<StreamPart> {
  readonly #open: () => AsyncIterator<StreamPart>;
  readonly #begin: () => CallTrace | undefined;
  readonly #run: <T>(trace: CallTrace, fn: () => T) => T;
  readonly #recordContent: boolean;
  #inner: AsyncIterator<StreamPart> | undefined;
  #trace: CallTrace | undefined;
  #text = '';
  readonly #toolCalls: ToolCall[] = [];

  constructor(open: () => AsyncIterator<StreamPart>, begin: () => CallTrace | undefined, run: <T>(trace: CallTrace, fn: () => T) => T, recordContent: boolean) {
    this.#open = open;
    this.#begin = begin;
    this.#run = run;
    this.#recordContent = recordContent;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (!this.#inner) {
      this.#trace = this.#begin();
      this.#inner = this.#open();
    }
    const inner = this.#inner;
    const trace = this.#trace;
    if (!trace) return inner.next();
    return this.#run(trace, () => inner.next()).then(this.#onResult, this.#onError);
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.#trace?.cancel();
    return this.#inner?.return?.() ?? Promise.resolve(DONE);
  }

  readonly #onResult = (result: IteratorResult<StreamPart>): IteratorResult<StreamPart> => {
    const trace = this.#trace as CallTrace;
    if (result.done) {
      trace.cancel();
      return result;
    }
    const part = result.value;
    if (part.type === 'finish') trace.succeed(part, this.#recordContent ? { text: this.#text, toolCalls: this.#toolCalls } : undefined);
    else if (this.#recordContent) {
      if (part.type === 'text-delta') this.#text += part.text;
      else if (part.type === 'tool-call') this.#toolCalls.push(part);
    }
    return result;
  };

  readonly #onError = (error: unknown): never => {
    this.#trace?.fail(error);
    throw error;
  };
}
