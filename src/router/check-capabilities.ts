import { asksForReasoning } from '../reasoning/asks-for-reasoning.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { ModelCapabilities } from '../types/provider-capabilities.ts';

function hasPart(request: ChatRequest, type: 'image' | 'file'): boolean {
  for (const message of request.messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const part of message.content) if (part.type === type) return true;
  }
  return false;
}

/**
 * Why a model cannot serve a request, or undefined when it can (or might: an unknown capability is assumed
 * present). `promptTokens` is the estimate of the prompt, computed once per call.
 */
export function capabilityProblem(capabilities: ModelCapabilities, operation: 'chat' | 'stream' | 'embed', request: ChatRequest | EmbedRequest, promptTokens: () => number): string | undefined {
  if (operation === 'embed') {
    if (capabilities.embeddings === false) return 'the model does not make embeddings (capabilities.embeddings)';
  } else {
    const chat = request as ChatRequest;
    if (capabilities.tools === false && chat.tools !== undefined && chat.tools.length > 0) return 'the request has tools and the model does not call tools (capabilities.tools)';
    if (capabilities.jsonSchema === false && chat.responseFormat?.type === 'json' && chat.responseFormat.schema !== undefined) {
      return 'the request asks for a JSON schema and the model has no structured output (capabilities.jsonSchema)';
    }
    if (capabilities.images === false && hasPart(chat, 'image')) return 'the request has images and the model does not take images (capabilities.images)';
    if (capabilities.documents === false && hasPart(chat, 'file')) return 'the request has documents (file parts) and the model does not take documents (capabilities.documents)';
    if (capabilities.reasoning === false && asksForReasoning(chat.reasoning)) return 'the request asks for reasoning and the model has no reasoning controls (capabilities.reasoning)';
  }
  const window = capabilities.contextWindow;
  if (window !== undefined) {
    const tokens = promptTokens();
    if (tokens > window) return `the prompt (about ${tokens} tokens) is longer than the context window of ${window} tokens (capabilities.contextWindow)`;
  }
  return undefined;
}
