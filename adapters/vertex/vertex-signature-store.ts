/**
 * Remembers the `thoughtSignature` Gemini attached to each function call, by call id, so that the signature goes
 * back with the call when the conversation is replayed (Gemini 3 rejects a current-turn call without it).
 * Bounded: the oldest entries are forgotten first.
 */
export class VertexSignatureStore {
  #entries = new Map<string, string>();
  #limit: number;

  /** @param limit how many signatures to keep. @default 2000 */
  constructor(limit = 2000) {
    this.#limit = limit;
  }

  /** Records the signature of a call. */
  set(callId: string, signature: string): void {
    this.#entries.delete(callId);
    this.#entries.set(callId, signature);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  /** The signature recorded for a call, if any. */
  get(callId: string): string | undefined {
    return this.#entries.get(callId);
  }
}
