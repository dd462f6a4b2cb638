import type { ReasoningProviderData } from '../../types/assistant-reasoning.ts';
import type { ToolCall } from '../../types/tool-call.ts';
import { encodeReasoningState } from './reasoning-state-codec.ts';

/** A Responses output item, as sent. */
export type ResponsesItem = Record<string, unknown>;

/**
 * A `reasoning` output item: the reasoning text as one summary part (when there is any), and with `state` the
 * provider's reasoning state as `encrypted_content` (see `encodeReasoningState`).
 */
export function reasoningItem(id: string, text: string, state: ReasoningProviderData | undefined): ResponsesItem {
  const item: ResponsesItem = { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  if (state) item.encrypted_content = encodeReasoningState(state);
  return item;
}

/** An assistant `message` output item with one `output_text` part. */
export function messageItem(id: string, text: string, status: 'completed' | 'in_progress' | 'incomplete'): ResponsesItem {
  return { id, type: 'message', status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}

/** A `function_call` output item: the call id a `function_call_output` answers, the arguments as the model wrote them. */
export function functionCallItem(id: string, call: Pick<ToolCall, 'id' | 'name' | 'rawArguments'>, status: 'completed' | 'in_progress'): ResponsesItem {
  return { id, type: 'function_call', status, call_id: call.id, name: call.name, arguments: status === 'completed' ? call.rawArguments : '' };
}
