import type { ServerResponse } from 'node:http';
import type { RoutedStreamPart } from '../../types/routed-result.ts';
import type { ServedTarget } from '../../types/served-target.ts';
import { formatCostUsd } from '../format-cost-usd.ts';
import { responsesObject, type ResponseBase } from './responses-object.ts';
import { functionCallItem, messageItem, reasoningItem, type ResponsesItem } from './responses-items.ts';
import { SseWriter, type FinishPart, type WireError } from './sse-writer.ts';
import { toResponsesStatus } from './to-responses-status.ts';
import { toResponsesUsage } from './to-responses-usage.ts';

type ContentPart = Exclude<RoutedStreamPart, { type: 'finish' }>;

const TEXT_DELTA = 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":';
const SUMMARY_DELTA = 'event: response.reasoning_summary_text.delta\ndata: {"type":"response.reasoning_summary_text.delta","sequence_number":';

/**
 * Writes a Responses API stream: the typed events OpenAI sends (`event: <type>` and `data: {type, sequence_number,
 * …}`), from `response.created` and `response.in_progress`, through each output item (`output_item.added`, its
 * deltas — `reasoning_summary_text.delta` for reasoning text, `output_text.delta`, `function_call_arguments.delta` —
 * their `.done` events and `output_item.done`), to `response.completed` (or `response.incomplete` at the token limit or
 * a filter) with the whole response, `usage` and a `switchyard` field (provider, attempts, cost; clients ignore it).
 * Items follow one another, each finished before the next starts. The reasoning state (with
 * `include: ["reasoning.encrypted_content"]`) is known only with the `finish` part: it goes into the reasoning item
 * when that is still the last one, else into a reasoning item of its own at the end of the output (the Responses
 * route reads either back as the turn's state). A failure after the stream started ends it with an `error` event and
 * `response.failed`, and no completed event, so that clients raise.
 */
export class ResponsesStreamWriter extends SseWriter {
  readonly #base: ResponseBase;
  readonly #alias: string;
  readonly #now: () => number;
  #model = '';
  #seq = 0;
  /** The finished output items. */
  readonly #output: ResponsesItem[] = [];
  /** The item being streamed: a reasoning summary or a message's text. */
  #open: 'reasoning' | 'message' | undefined;
  #openId = '';
  #openText = '';
  /** The open item's fields of its delta events, from `item_id` to `"delta":`. */
  #deltaRef = '';
  #hasAnswer = false;

  constructor(res: ServerResponse, options: { base: ResponseBase; model: string; now: () => number }) {
    super(res);
    this.#base = options.base;
    this.#alias = options.model;
    this.#now = options.now;
  }

  protected opening(served: ServedTarget | undefined): string {
    this.#model = served?.model ?? this.#alias;
    const response = responsesObject(this.#base, { status: 'in_progress', model: this.#model, output: [] });
    return this.#frame('response.created', { response }) + this.#frame('response.in_progress', { response });
  }

  part(part: ContentPart): void {
    switch (part.type) {
      case 'text-delta':
        if (part.text === '') return;
        if (this.#open !== 'message') this.#openMessage();
        this.#openText += part.text;
        this.queue(`${TEXT_DELTA}${this.#seq++}${this.#deltaRef}${JSON.stringify(part.text)},"logprobs":[]}\n\n`);
        return;
      case 'reasoning-delta':
        if (part.text === '') return;
        if (this.#open !== 'reasoning') this.#openReasoning();
        this.#openText += part.text;
        this.queue(`${SUMMARY_DELTA}${this.#seq++}${this.#deltaRef}${JSON.stringify(part.text)}}\n\n`);
        return;
      case 'tool-call': {
        this.#closeOpen(undefined, 'completed');
        const index = this.#output.length;
        const id = `fc_${this.#base.itemPrefix}${index}`;
        const item = functionCallItem(id, part, 'completed');
        this.queue(
          this.#frame('response.output_item.added', { output_index: index, item: functionCallItem(id, part, 'in_progress') }) +
            this.#frame('response.function_call_arguments.delta', { item_id: id, output_index: index, delta: part.rawArguments }) +
            this.#frame('response.function_call_arguments.done', { item_id: id, output_index: index, name: part.name, arguments: part.rawArguments }) +
            this.#frame('response.output_item.done', { output_index: index, item }),
        );
        this.#output.push(item);
        this.#hasAnswer = true;
      }
    }
  }

  protected closing(part: FinishPart): string {
    const { status, incomplete_details } = toResponsesStatus(part.finishReason);
    let state = this.#base.includeReasoningState ? part.reasoningState?.providerData : undefined;
    if (this.#open === 'reasoning') {
      this.#closeOpen(state, 'completed');
      state = undefined;
    } else this.#closeOpen(undefined, status === 'incomplete' ? 'incomplete' : 'completed');
    // An answer with no text and no tool call still has its (empty) message, as the JSON answer does.
    if (!this.#hasAnswer) {
      this.#openMessage();
      this.#closeOpen(undefined, status === 'incomplete' ? 'incomplete' : 'completed');
    }
    if (state) {
      const index = this.#output.length;
      const id = `rs_${this.#base.itemPrefix}${index}`;
      const item = reasoningItem(id, '', state);
      this.queue(this.#frame('response.output_item.added', { output_index: index, item: { id, type: 'reasoning', summary: [] } }) + this.#frame('response.output_item.done', { output_index: index, item }));
      this.#output.push(item);
    }
    const response = responsesObject(this.#base, {
      status,
      incomplete_details,
      model: part.model,
      output: this.#output,
      usage: toResponsesUsage(part.usage),
      capacity: part.capacity,
      ...(status === 'completed' ? { completedAt: Math.floor(this.#now() / 1000) } : {}),
    });
    const switchyard = { provider: part.provider, attempts: part.attempts, cost_usd: part.cost === undefined ? undefined : formatCostUsd(part.cost), finish_reason: part.finishReason };
    return this.#frame(status === 'completed' ? 'response.completed' : 'response.incomplete', { response, switchyard });
  }

  protected failure(error: WireError): string {
    // The item cut off stays in the failed response's output as far as it got.
    const output = this.#output.slice();
    if (this.#open === 'message') output.push(messageItem(this.#openId, this.#openText, 'incomplete'));
    else if (this.#open === 'reasoning') output.push(reasoningItem(this.#openId, this.#openText, undefined));
    const response = responsesObject(this.#base, { status: 'failed', model: this.#model, output, error: { code: error.code ?? error.type, message: error.message } });
    return this.#frame('error', { code: error.code, message: error.message, param: error.param, error }) + this.#frame('response.failed', { response });
  }

  #frame(type: string, fields: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.#seq++, ...fields })}\n\n`;
  }

  #openMessage(): void {
    this.#closeOpen(undefined, 'completed');
    const index = this.#output.length;
    const id = `msg_${this.#base.itemPrefix}${index}`;
    this.#start('message', id);
    this.queue(
      this.#frame('response.output_item.added', { output_index: index, item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } }) +
        this.#frame('response.content_part.added', { item_id: id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }),
    );
    this.#deltaRef = `,"item_id":${JSON.stringify(id)},"output_index":${index},"content_index":0,"delta":`;
    this.#hasAnswer = true;
  }

  #openReasoning(): void {
    this.#closeOpen(undefined, 'completed');
    const index = this.#output.length;
    const id = `rs_${this.#base.itemPrefix}${index}`;
    this.#start('reasoning', id);
    this.queue(
      this.#frame('response.output_item.added', { output_index: index, item: { id, type: 'reasoning', summary: [] } }) +
        this.#frame('response.reasoning_summary_part.added', { item_id: id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } }),
    );
    this.#deltaRef = `,"item_id":${JSON.stringify(id)},"output_index":${index},"summary_index":0,"delta":`;
  }

  #start(kind: 'reasoning' | 'message', id: string): void {
    this.#open = kind;
    this.#openId = id;
    this.#openText = '';
  }

  /** Finishes the open item (its `.done` events and `output_item.done`); a reasoning item gets `state`. */
  #closeOpen(state: Parameters<typeof reasoningItem>[2], status: 'completed' | 'incomplete'): void {
    const open = this.#open;
    if (open === undefined) return;
    this.#open = undefined;
    const id = this.#openId;
    const text = this.#openText;
    const index = this.#output.length;
    let item: ResponsesItem;
    if (open === 'message') {
      item = messageItem(id, text, status);
      const part = { type: 'output_text', text, annotations: [], logprobs: [] };
      this.queue(
        this.#frame('response.output_text.done', { item_id: id, output_index: index, content_index: 0, text, logprobs: [] }) +
          this.#frame('response.content_part.done', { item_id: id, output_index: index, content_index: 0, part }) +
          this.#frame('response.output_item.done', { output_index: index, item }),
      );
    } else {
      item = reasoningItem(id, text, state);
      this.queue(
        this.#frame('response.reasoning_summary_text.done', { item_id: id, output_index: index, summary_index: 0, text }) +
          this.#frame('response.reasoning_summary_part.done', { item_id: id, output_index: index, summary_index: 0, part: { type: 'summary_text', text } }) +
          this.#frame('response.output_item.done', { output_index: index, item }),
      );
    }
    this.#output.push(item);
  }
}
