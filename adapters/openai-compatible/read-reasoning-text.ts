/**
 * The reasoning text of a Chat Completions message or stream delta from an OpenAI-compatible server: `reasoning`
 * (vLLM since it renamed the field, and NIM on vLLM) or `reasoning_content` (llama.cpp, older vLLM, SGLang, the NVIDIA
 * API catalog). One of them only: a server in the middle of the rename may send both with the same text.
 * Not confirmed from a primary source: whether any server sends both with different text (then `reasoning` wins).
 */
export function readReasoningText(message: { reasoning?: unknown; reasoning_content?: unknown }): string | undefined {
  const reasoning = message.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') return reasoning;
  const content = message.reasoning_content;
  return typeof content === 'string' && content !== '' ? content : undefined;
}
