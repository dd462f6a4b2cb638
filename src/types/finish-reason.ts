/**
 * Why generation ended, the same for every provider:
 * - `stop`: the model finished (or hit a stop sequence);
 * - `length`: the token limit was reached;
 * - `tool-calls`: the model called tools;
 * - `content-filter`: a safety filter blocked the prompt or the output;
 * - `error`: the provider reported an error in the generation (for example a malformed function call);
 * - `other`: anything else; the provider's value is in `rawFinishReason`.
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';
