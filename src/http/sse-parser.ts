import { copyString } from './copy-string.ts';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field, when sent. */
  event?: string;
  /** The `data:` lines, joined with `\n`. */
  data: string;
  /** The `id:` field, when sent. */
  id?: string;
}

const NO_EVENTS: SseEvent[] = [];

/**
 * An incremental parser for `text/event-stream` (the WHATWG rules): events split anywhere across reads,
 * LF, CRLF and CR line ends (also a CRLF split between reads), comments, multi-line data, and a last event
 * without a trailing blank line (flushed by `end()`). A UTF-8 character split across reads is decoded whole.
 * `[DONE]` is ordinary data here; the adapter decides what it means.
 */
export class SseParser {
  #decoder = new TextDecoder('utf-8');
  #buffer = '';
  #data: string | undefined;
  #event: string | undefined;
  #id: string | undefined;
  #out: SseEvent[] = NO_EVENTS;

  /** Feeds raw bytes (or already decoded text) and returns the events completed by them. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    this.#buffer = this.#buffer.length === 0 ? text : this.#buffer + text;
    return this.#drain(false);
  }

  /** Ends the stream: processes what is left and returns the last events. */
  end(): SseEvent[] {
    const rest = this.#decoder.decode();
    if (rest) this.#buffer += rest;
    const events = this.#drain(true);
    if (this.#data !== undefined) {
      if (events === NO_EVENTS) this.#out = [];
      this.#dispatch();
      return this.#take();
    }
    return events;
  }

  #drain(final: boolean): SseEvent[] {
    let buffer = this.#buffer;
    let keep = '';
    if (buffer.includes('\r')) {
      // A CR at the very end may be the first half of a CRLF split between reads: wait for the next read.
      if (!final && buffer.endsWith('\r')) {
        keep = '\r';
        buffer = buffer.slice(0, -1);
      }
      buffer = buffer.replace(/\r\n?/g, '\n');
    }
    let pos = 0;
    let nl = buffer.indexOf('\n', pos);
    while (nl !== -1) {
      this.#line(buffer.slice(pos, nl));
      pos = nl + 1;
      nl = buffer.indexOf('\n', pos);
    }
    let rest = pos === 0 ? buffer : buffer.slice(pos);
    if (final && rest.length > 0) {
      this.#line(rest);
      rest = '';
    }
    // The unfinished line waits for the next read; as a slice of a read much longer than itself it would keep all
    // that text alive until then.
    if (pos > 0 && rest.length * 2 < buffer.length) rest = copyString(rest);
    this.#buffer = rest + keep;
    return this.#take();
  }

  #take(): SseEvent[] {
    const out = this.#out;
    this.#out = NO_EVENTS;
    return out;
  }

  #dispatch(): void {
    const event: SseEvent = { data: this.#data as string };
    if (this.#event !== undefined) event.event = this.#event;
    if (this.#id !== undefined) event.id = this.#id;
    if (this.#out === NO_EVENTS) this.#out = [];
    this.#out.push(event);
    this.#data = undefined;
    this.#event = undefined;
  }

  #line(line: string): void {
    if (line.length === 0) {
      if (this.#data !== undefined) this.#dispatch();
      else this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return; // comment
    let field: string;
    let value: string;
    const colon = line.indexOf(':');
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    if (field === 'data') this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }
}
