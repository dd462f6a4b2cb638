import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';

/** Characters per token of the cheap estimate (English text averages about 4 with OpenAI's tokenizers). */
const CHARS_PER_TOKEN = 4;
/** Tokens a chat format adds per message (role, separators). */
const PER_MESSAGE = 4;

function textLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) if (part && (part as { type?: string }).type === 'text') n += ((part as { text?: string }).text ?? '').length;
  return n;
}

/**
 * A cheap estimate of a prompt's size in tokens, to skip targets whose context window it cannot fit without
 * sending it: characters / 4 of the messages, tool calls and tool definitions, plus a few tokens per message.
 * For embeddings, the longest single input (the window applies to each input).
 */
export function estimatePromptTokens(request: ChatRequest | EmbedRequest): number {
  if ('input' in request) {
    let longest = 0;
    for (const input of request.input) if (input.length > longest) longest = input.length;
    return Math.ceil(longest / CHARS_PER_TOKEN);
  }
  let chars = 0;
  for (const message of request.messages) {
    chars += textLength(message.content);
    if (message.role === 'assistant' && message.toolCalls) {
      for (const call of message.toolCalls) chars += call.name.length + (typeof call.arguments === 'string' ? call.arguments.length : JSON.stringify(call.arguments ?? null).length);
    }
  }
  if (request.tools) {
    for (const tool of request.tools) chars += tool.name.length + (tool.description?.length ?? 0) + (tool.parameters && !('_zod' in tool.parameters) ? JSON.stringify(tool.parameters).length : 0);
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + PER_MESSAGE * request.messages.length;
}
