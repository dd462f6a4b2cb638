import type { AssistantReasoning, ReasoningProviderData } from '../types/assistant-reasoning.ts';
import type { Warning } from '../types/warning.ts';

/**
 * The reasoning state of an assistant message when it belongs to this adapter: its `format` and `provider` tags both
 * match. State from another wire format or another provider (a call that failed over) is dropped with a warning naming
 * the message, never sent: it may be another organisation's encrypted reasoning, or signatures the model would reject.
 * `format` undefined means the adapter takes no state at all (Chat Completions): any state is dropped.
 */
export function ownReasoningState(
  reasoning: AssistantReasoning | undefined,
  owner: { format: string | undefined; provider: string },
  where: string,
  warnings: Warning[],
): ReasoningProviderData | undefined {
  const data = reasoning?.providerData;
  if (data === undefined) return undefined;
  if (owner.format !== undefined && data.format === owner.format && data.provider === owner.provider) return data;
  const from = `${String(data.format)} state from ${String(data.provider)}`;
  const why = owner.format === undefined ? `${owner.provider} takes no reasoning state on this API` : `${owner.provider} reads only its own ${owner.format} state`;
  warnings.push({ type: 'other', setting: `${where}.reasoning`, message: `The reasoning state of ${where} (${from}) was not sent: ${why}. The turn's text and tool calls were sent without it.` });
  return undefined;
}
