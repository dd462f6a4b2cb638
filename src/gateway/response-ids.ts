import { randomBytes } from 'node:crypto';

/**
 * Ids for responses and requests: a random prefix per process (so replicas never collide) and a counter, which
 * costs no random bytes per request. `chatcmpl-…` for chat completions, as OpenAI's.
 */
export class ResponseIds {
  readonly #prefix = randomBytes(9).toString('base64url');
  #next = 0;

  /** A new id with `kind`'s prefix (`chatcmpl`, `req`). */
  next(kind: string): string {
    return `${kind}-${this.#prefix}${(++this.#next).toString(36)}`;
  }
}
