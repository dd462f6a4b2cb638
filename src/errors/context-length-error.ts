import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** What a `ContextLengthError` takes beside the provider's answer: the numbers the provider put in its error. */
export interface ContextLengthErrorDetails extends ProviderApiErrorDetails {
  /** The context window the provider said it has, in tokens. */
  contextWindow?: number | undefined;
  /** The prompt size the provider counted, in tokens. */
  promptTokens?: number | undefined;
  /** The output tokens the request asked for, when the prompt fit but the prompt plus `maxTokens` did not. */
  maxTokens?: number | undefined;
}

/**
 * The prompt is longer than the model's context window (or the prompt plus the requested output is). The router
 * moves on to targets with a larger window: the one configured in `capabilities.contextWindow`, else the one the
 * provider reported here. Code `context_length`.
 */
export class ContextLengthError extends ProviderApiError {
  /**
   * The context window the provider reported, in tokens: llama.cpp's `n_ctx`, vLLM and NIM "maximum context length
   * is N tokens", OpenAI "maximum context length is N tokens", Vertex "the maximum number of tokens allowed (N)".
   * Undefined when the answer names none.
   */
  readonly contextWindow?: number;
  /**
   * The prompt size the provider counted, in tokens: llama.cpp's `n_prompt_tokens`, vLLM "your request has N input
   * tokens", Vertex "The input token count (N)". Undefined when the answer names none.
   */
  readonly promptTokens?: number;
  /** The output tokens the request asked for, when the provider refused prompt plus output (vLLM `'max_tokens' … is too large: N`). */
  readonly maxTokens?: number;

  constructor(message: string, details: ContextLengthErrorDetails) {
    super('context_length', message, details);
    if (details.contextWindow !== undefined) this.contextWindow = details.contextWindow;
    if (details.promptTokens !== undefined) this.promptTokens = details.promptTokens;
    if (details.maxTokens !== undefined) this.maxTokens = details.maxTokens;
  }
}
markError(ContextLengthError);
