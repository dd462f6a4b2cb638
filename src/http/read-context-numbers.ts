/** The numbers a context-length error carries: the window, the prompt size, the output asked for (tokens). */
export interface ContextNumbers {
  contextWindow?: number;
  promptTokens?: number;
  maxTokens?: number;
}

const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

// The wordings of the servers Switchyard talks to; the first group of each pattern is the number.
const WINDOW = [
  /maximum context length is (\d+)/i, // OpenAI, vLLM, NIM (vLLM backend)
  /maximum context length \((\d+)\)/i, // vLLM's renderer: "Input length (N) exceeds model's maximum context length (M)."
  /available context size \((\d+) tokens?\)/i, // llama.cpp
  /maximum number of tokens allowed \((\d+)\)/i, // Vertex
  /(\d+) maximum context length/i, // Mistral
  /tokens? > (\d+) maximum/i, // Anthropic
];
const PROMPT = [
  /your request has (\d+) input tokens/i, // vLLM, NIM
  /^input length \((\d+)\)/i, // vLLM's renderer
  /(\d+) in the messages, \d+ in the completion/i, // OpenAI and older vLLM: "you requested N tokens (P in the messages, C in the completion)"
  /you requested (\d+) tokens/i, // older vLLM "you requested N tokens in the messages", else the whole request
  /your messages resulted in (\d+) tokens/i, // OpenAI
  /^request \((\d+) tokens?\)/i, // llama.cpp
  /input token count \((\d+)\)/i, // Vertex
  /prompt contains (\d+) tokens/i, // Mistral
  /prompt is too long: (\d+) tokens/i, // Anthropic
];
const MAX_TOKENS = [
  /'max_tokens' or 'max_completion_tokens' is too large: (\d+)/i, // vLLM, NIM
  /\d+ in the messages, (\d+) in the completion/i, // OpenAI, older vLLM
];

function first(patterns: readonly RegExp[], message: string): number | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * Reads the numbers of a context-length error: the structured fields when the server sends them (llama.cpp's
 * `n_ctx` and `n_prompt_tokens`), else the numbers in its message (vLLM/NIM "This model's maximum context length is
 * N tokens. However, your request has P input tokens", OpenAI, Vertex, Mistral, Anthropic wordings).
 */
export function readContextNumbers(error: Record<string, unknown>, message: string): ContextNumbers {
  const out: ContextNumbers = {};
  const window = int(error.n_ctx) ?? first(WINDOW, message);
  const prompt = int(error.n_prompt_tokens) ?? first(PROMPT, message);
  const max = first(MAX_TOKENS, message);
  if (window !== undefined) out.contextWindow = window;
  if (prompt !== undefined) out.promptTokens = prompt;
  if (max !== undefined) out.maxTokens = max;
  return out;
}
