import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { Warning } from '../../src/types/warning.ts';

/**
 * Chat Completions takes no reasoning state back: each assistant message that carries one (`reasoning.providerData`,
 * from the Responses API, Gemini or Anthropic, for example after a failover) is sent without it, with a warning.
 * Returns undefined when there is nothing to say (no allocation on the common path).
 */
export function chatReasoningStateWarnings(messages: ChatMessage[], provider: string): Warning[] | undefined {
  let warnings: Warning[] | undefined;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    if (m.role !== 'assistant' || m.reasoning?.providerData === undefined) continue;
    const data = m.reasoning.providerData;
    (warnings ??= []).push({
      type: 'other',
      setting: `messages[${i}].reasoning`,
      message: `${provider}: dropped the reasoning state of messages[${i}] (${data.format} from ${data.provider}): Chat Completions takes no reasoning state back; the model continues without it.`,
    });
  }
  return warnings;
}
