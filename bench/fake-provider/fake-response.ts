/** A response the fake provider has built once and replays: raw header pairs and body bytes. */
export interface FakeResponse {
  /** The HTTP status. */
  status: number;
  /** Raw headers, names and values alternating (what `writeHead` takes without building an object). */
  headers: string[];
  /** The whole body, written at once (non-streaming replies, errors, unpaced streams). */
  body: Buffer;
  /** A stream's events, one buffer each, for paced or cut-off delivery; undefined for non-streaming replies. */
  events?: Buffer[];
  /** How many leading events precede the first text chunk (role or filter chunks), to place a `cutAfter`. */
  leadEvents?: number;
}

/** Joins the event buffers of a stream into one body. */
export function joinEvents(events: Buffer[]): Buffer {
  return Buffer.concat(events);
}
