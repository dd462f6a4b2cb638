import { markError, SwitchyardError } from './switchyard-error.ts';

/** A response could not be parsed (malformed JSON, an unexpected shape). Code `response_parse`. Keeps the raw text, truncated. */
export class ResponseParseError extends SwitchyardError {
  /** The text that failed to parse, truncated to 2,000 characters. */
  readonly rawText: string;
  /** Always true: a garbled response is often a one-off (a proxy, a cut connection). */
  readonly retryable = true;

  constructor(message: string, options: { rawText: string; provider?: string | undefined; cause?: unknown }) {
    super('response_parse', message, options);
    this.rawText = options.rawText.length > 2000 ? `${options.rawText.slice(0, 2000)}…` : options.rawText;
  }
}
markError(ResponseParseError);
