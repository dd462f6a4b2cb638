import type { ServerResponse } from 'node:http';
import type { RoutedStreamPart } from '../../types/routed-result.ts';
import type { ServedTarget } from '../../types/served-target.ts';
import { formatCostUsd } from '../format-cost-usd.ts';
import { toOpenAIToolCall } from './map-chat-result.ts';
import { SseWriter, type FinishPart, type WireError } from './sse-writer.ts';
import { toOpenAIFinishReason } from './to-openai-finish-reason.ts';
import { toOpenAIUsage } from './to-openai-usage.ts';

/**
 * Writes a Chat Completions stream: `chat.completion.chunk` events, then `data: [DONE]`. Every chunk is one string
 * built from a prefix made once per stream and the part's own JSON. Every chunk names the served model: the model
 * the router sent to the serving target (`ServedTarget`) until the finish chunk, which carries the version the
 * provider says it served (clients that assemble chunks keep the last one). The finish (or, with
 * `stream_options.include_usage`, the usage) chunk has a `switchyard` field: provider, attempts, cost, the normalised
 * finish reason (OpenAI's clients ignore it).
 */
export class ChatStreamWriter extends SseWriter {
  readonly #id: string;
  readonly #created: number;
  readonly #alias: string;
  readonly #includeUsage: boolean;
  #prefix = '';
  readonly #suffix: string;
  #toolIndex = 0;

  constructor(res: ServerResponse, options: { id: string; created: number; model: string; includeUsage: boolean }) {
    super(res);
    this.#id = options.id;
    this.#created = options.created;
    this.#alias = options.model;
    this.#includeUsage = options.includeUsage;
    this.#suffix = `,"logprobs":null,"finish_reason":null}]${options.includeUsage ? ',"usage":null' : ''}}\n\n`;
  }

  protected opening(served: ServedTarget | undefined): string {
    this.#prefix = `data: {"id":${JSON.stringify(this.#id)},"object":"chat.completion.chunk","created":${this.#created},"model":${JSON.stringify(served?.model ?? this.#alias)},"choices":[{"index":0,"delta":`;
    return `${this.#prefix}{"role":"assistant","content":""}${this.#suffix}`;
  }

  part(part: Exclude<RoutedStreamPart, { type: 'finish' }>): void {
    switch (part.type) {
      case 'text-delta':
        if (part.text !== '') this.queue(`${this.#prefix}{"content":${JSON.stringify(part.text)}}${this.#suffix}`);
        return;
      case 'reasoning-delta':
        if (part.text !== '') this.queue(`${this.#prefix}{"reasoning_content":${JSON.stringify(part.text)}}${this.#suffix}`);
        return;
      case 'tool-call': {
        const call = { index: this.#toolIndex++, ...toOpenAIToolCall(part) };
        this.queue(`${this.#prefix}{"tool_calls":[${JSON.stringify(call)}]}${this.#suffix}`);
        return;
      }
    }
  }

  protected closing(part: FinishPart): string {
    const last = (extra: Record<string, unknown>) => ({ id: this.#id, object: 'chat.completion.chunk', created: this.#created, model: part.model, ...extra });
    const switchyard = { provider: part.provider, attempts: part.attempts, cost_usd: part.cost === undefined ? undefined : formatCostUsd(part.cost), finish_reason: part.finishReason };
    const finishChunk = last({ choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: toOpenAIFinishReason(part.finishReason, part.rawFinishReason) }], ...(this.#includeUsage ? { usage: null } : { switchyard }) });
    let out = `data: ${JSON.stringify(finishChunk)}\n\n`;
    if (this.#includeUsage) out += `data: ${JSON.stringify(last({ choices: [], usage: toOpenAIUsage(part.usage), switchyard }))}\n\n`;
    return `${out}data: [DONE]\n\n`;
  }

  protected failure(error: WireError): string {
    return `data: ${JSON.stringify({ error })}\n\n`;
  }
}
