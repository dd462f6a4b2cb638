import { randomBytes } from 'node:crypto';

/**
 * Ids for responses and requests: a random prefix per process (so replicas never collide) and a counter, which
 * costs no random bytes per request. `chatcmpl-…` for chat completions and `resp_…` for responses, as OpenAI's.
 */
export class ResponseIds {
  readonly #prefix = randomBytes(9).toString('base64url');
  #next = 0;

  /** A new id with `kind`'s prefix (`chatcmpl`, `req`), joined by `separator` (`resp_…`). */
  next(kind: string, separator = '-'): string {
    return `${kind}${separator}${this.#prefix}${(++this.#next).toString(36)}`;
  }
}
