import { ownReasoningState } from '../../src/reasoning/own-reasoning-state.ts';
import type { AssistantReasoning } from '../../src/types/assistant-reasoning.ts';
import type { Warning } from '../../src/types/warning.ts';

/** The `format` tag of the reasoning state this base returns and takes back. */
export const ANTHROPIC_REASONING_FORMAT = 'anthropic-messages';

/** A thinking block as Claude returned it, to be sent back unchanged (Anthropic verifies the signature). */
export type AnthropicThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/**
 * The reasoning state of a turn: its thinking and redacted-thinking blocks with their signatures, tagged
 * `{ format: 'anthropic-messages', provider }`, and the thinking text. Undefined when the turn had no thinking block.
 */
export function toAnthropicReasoningState(provider: string, blocks: AnthropicThinkingBlock[]): AssistantReasoning | undefined {
  if (blocks.length === 0) return undefined;
  const text = blocks.map((b) => (b.type === 'thinking' ? b.thinking : '')).join('');
  const state: AssistantReasoning = { providerData: { format: ANTHROPIC_REASONING_FORMAT, provider, blocks } };
  if (text) state.text = text;
  return state;
}

const isBlock = (b: unknown): b is AnthropicThinkingBlock => {
  if (typeof b !== 'object' || b === null) return false;
  const block = b as Record<string, unknown>;
  return (block.type === 'thinking' && typeof block.thinking === 'string' && typeof block.signature === 'string') || (block.type === 'redacted_thinking' && typeof block.data === 'string');
};

/**
 * The thinking blocks to send back with an assistant turn: only state this provider produced in this format (the one
 * rule, `ownReasoningState`: another provider's signatures, or another wire format's state, cannot be verified by
 * Claude and would be rejected, so they are dropped with a warning); reasoning without state (only text) is not sent,
 * as Claude takes thinking back only with its signature.
 */
export function readAnthropicReasoningState(reasoning: AssistantReasoning | undefined, provider: string, at: string, warnings: Warning[]): AnthropicThinkingBlock[] {
  const data = ownReasoningState(reasoning, { format: ANTHROPIC_REASONING_FORMAT, provider }, at, warnings);
  if (!data) return [];
  const blocks = Array.isArray(data.blocks) ? data.blocks.filter(isBlock) : [];
  return blocks.map((b) => (b.type === 'thinking' ? { type: 'thinking', thinking: b.thinking, signature: b.signature } : { type: 'redacted_thinking', data: b.data }));
}
