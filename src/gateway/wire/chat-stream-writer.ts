import type { ServerResponse } from 'node:http';
import type { StreamPart } from '../../types/stream-part.ts';
import { toOpenAIToolCall } from './map-chat-result.ts';
import { toOpenAIFinishReason } from './to-openai-finish-reason.ts';
import { toOpenAIUsage } from './to-openai-usage.ts';

type FinishPart = Extract<StreamPart, { type: 'finish' }>;

/** What the stream's last chunk says of how it was served, in its `switchyard` field (OpenAI's clients ignore it). */
export interface StreamSummary {
  provider: string | undefined;
  attempts: unknown;
  costUsd: string | undefined;
  finishReason: string;
}

/**
 * Writes a Chat Completions stream (`chat.completion.chunk` events, then `data: [DONE]`), part by part as the router
 * delivers them. Every chunk is one string built from a prefix made once per stream and the part's own JSON, and
 * the chunks of one tick go out in one `write`. It waits for `drain` when the client reads slower than the provider
 * sends, so a slow client slows the upstream rather than filling memory.
 *
 * The chunks before the last carry the alias as `model`: the served model is known only with the `finish` part,
 * whose chunk carries it (clients that assemble chunks keep the last one).
 */
export class ChatStreamWriter {
  readonly #res: ServerResponse;
  readonly #id: string;
  readonly #created: number;
  readonly #includeUsage: boolean;
  readonly #prefix: string;
  readonly #suffix: string;
  /** Chunks queued in this tick. */
  #pending = '';
  /** Resolves when the client drained a full socket buffer; undefined while it keeps up. */
  #blocked: Promise<void> | undefined;
  #toolIndex = 0;

  constructor(res: ServerResponse, options: { id: string; created: number; model: string; includeUsage: boolean }) {
    this.#res = res;
    this.#id = options.id;
    this.#created = options.created;
    this.#includeUsage = options.includeUsage;
    this.#prefix = `data: {"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.created},"model":${JSON.stringify(options.model)},"choices":[{"index":0,"delta":`;
    this.#suffix = `,"logprobs":null,"finish_reason":null}]${options.includeUsage ? ',"usage":null' : ''}}\n\n`;
  }

  /** Sends the status, the headers and the role chunk. */
  start(headers: string[]): void {
    headers.push('content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache', 'x-accel-buffering', 'no');
    this.#res.writeHead(200, headers);
    this.#write(`${this.#prefix}{"role":"assistant","content":""}${this.#suffix}`);
  }

  /**
   * Writes one part; resolves `true` when the caller may read on at once, or to a promise of the client's
   * `drain` (or `close`) when the socket's buffer is full. `finish` ends the stream with `[DONE]`.
   */
  part(part: StreamPart, summary: () => StreamSummary): true | Promise<void> {
    switch (part.type) {
      case 'text-delta':
        if (part.text === '') return true;
        return this.#write(`${this.#prefix}{"content":${JSON.stringify(part.text)}}${this.#suffix}`);
      case 'reasoning-delta':
        return this.#write(`${this.#prefix}{"reasoning_content":${JSON.stringify(part.text)}}${this.#suffix}`);
      case 'tool-call': {
        const call = { index: this.#toolIndex++, ...toOpenAIToolCall(part) };
        return this.#write(`${this.#prefix}{"tool_calls":[${JSON.stringify(call)}]}${this.#suffix}`);
      }
      case 'finish':
        this.#finish(part, summary());
        return true;
    }
  }

  /** Ends the stream with an in-band error event and no `[DONE]`, so that OpenAI's clients raise it. */
  error(error: { message: string; type: string; code: string | null; param: string | null }): void {
    if (this.#res.destroyed) return;
    this.#write(`data: ${JSON.stringify({ error })}\n\n`);
    this.#end();
  }

  #finish(part: FinishPart, summary: StreamSummary): void {
    const last = (extra: Record<string, unknown>) => ({ id: this.#id, object: 'chat.completion.chunk', created: this.#created, model: part.model, ...extra });
    const switchyard = { provider: summary.provider, attempts: summary.attempts, cost_usd: summary.costUsd, finish_reason: summary.finishReason };
    const finishChunk = last({ choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: toOpenAIFinishReason(part.finishReason, part.rawFinishReason) }], ...(this.#includeUsage ? { usage: null } : { switchyard }) });
    let out = `data: ${JSON.stringify(finishChunk)}\n\n`;
    if (this.#includeUsage) out += `data: ${JSON.stringify(last({ choices: [], usage: toOpenAIUsage(part.usage), switchyard }))}\n\n`;
    this.#write(`${out}data: [DONE]\n\n`);
    this.#end();
  }

  /**
   * Queues `chunk`; what is queued in one tick goes out as one `write` on the next (one UTF-8 conversion and one
   * chunk of the HTTP body for everything the router delivered from one network read). Resolves `true`, or the
   * promise of the client's `drain` when the last write filled the socket's buffer.
   */
  #write(chunk: string): true | Promise<void> {
    if (this.#pending === '') process.nextTick(this.#flush);
    this.#pending += chunk;
    return this.#blocked ?? true;
  }

  readonly #flush = (): void => {
    const out = this.#pending;
    if (out === '') return;
    this.#pending = '';
    const res = this.#res;
    if (res.destroyed || res.write(out) || this.#blocked) return;
    this.#blocked = new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        this.#blocked = undefined;
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };

  /** Ends the answer with what is still queued. */
  #end(): void {
    const out = this.#pending;
    this.#pending = '';
    if (out === '') this.#res.end();
    else this.#res.end(out);
  }
}
