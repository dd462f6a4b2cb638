import { countWords, splitText } from './mock-responses.ts';
import type { ScriptStep, ScriptUsage } from './script-step.ts';

type TextStep = Extract<ScriptStep, { type: 'text' }>;
type ToolStep = Extract<ScriptStep, { type: 'tool-calls' }>;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
let counter = 0;

/** An Anthropic-like id: `prefix` + `01` + 22 base58 characters, such as `msg_vrtx_01JixAPaKzY8NJ3HE6GPE3ue`. */
export function anthropicId(prefix: string): string {
  counter++;
  let seed = (Date.now() * 7919 + counter * 104_729) % 2_147_483_647;
  let out = '01';
  for (let i = 0; i < 22; i++) {
    seed = (seed * 48_271) % 2_147_483_647;
    out += ALPHABET[seed % ALPHABET.length];
  }
  return `${prefix}${out}`;
}

/** The `model` a Claude response reports for a Vertex model id: the `@YYYYMMDD` date as `-YYYYMMDD` (`claude-sonnet-4-5-20250929`). */
export function anthropicServedModel(vertexModel: string): string {
  return vertexModel.replace(/@(\d{8})$/, '-$1');
}

/**
 * The `usage` of a step, in Anthropic's split: `inputTokens` (Switchyard's total prompt) is divided into
 * `input_tokens` (uncached), `cache_read_input_tokens` and `cache_creation_input_tokens`; `output_tokens` includes
 * thinking, and `output_tokens_details.thinking_tokens` is sent when the step has reasoning tokens.
 */
export function anthropicUsage(usage: ScriptUsage | undefined, text: string): Record<string, unknown> {
  const prompt = usage?.inputTokens ?? 12;
  const read = usage?.cachedInputTokens ?? 0;
  const written = usage?.cacheWriteTokens ?? 0;
  const out: Record<string, unknown> = {
    input_tokens: Math.max(0, prompt - read - written),
    cache_creation_input_tokens: written,
    cache_read_input_tokens: read,
    cache_creation: { ephemeral_5m_input_tokens: written, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage?.outputTokens ?? countWords(text),
  };
  if (usage?.reasoningTokens) out.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  out.service_tier = 'standard';
  return out;
}

/** What every message of a mock repeats. */
export interface AnthropicMessageMeta {
  id: string;
  model: string;
}

const STOP = { stop: 'end_turn', length: 'max_tokens', 'content-filter': 'refusal' } as const;
const SIGNATURE = 'EqQBCkgIBxABGAIqQJ3kLs9mE0pWx2c4yTfR7uVnBhGk1aZ8oQ5sDtLwY6eXiCjM9rPvN3bU0gKfH4lSxA2qWzE7nT1yO8dJcR6IEgyx9fGhT2kLmN4pQr0aDPd7vBnX3cZ1wYsKeJ';

function reasoningOf(step: TextStep | ToolStep): string | undefined {
  return 'reasoning' in step ? step.reasoning : undefined;
}

function toolId(call: ToolStep['calls'][number]): string {
  return call.id ?? anthropicId('toolu_vrtx_');
}

/** The content blocks of a step's reply. */
function contentOf(step: TextStep | ToolStep, ids: string[]): Record<string, unknown>[] {
  const content: Record<string, unknown>[] = [];
  const reasoning = reasoningOf(step);
  if (reasoning) content.push({ type: 'thinking', thinking: reasoning, signature: SIGNATURE });
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  if (text) content.push({ type: 'text', text });
  if (step.type === 'tool-calls') step.calls.forEach((call, i) => content.push({ type: 'tool_use', id: ids[i], name: call.name, input: call.arguments ?? {} }));
  return content;
}

/** A whole Messages response (`:rawPredict`) for a text or tool-calls step. */
export function anthropicMessage(step: TextStep | ToolStep, meta: AnthropicMessageMeta): Record<string, unknown> {
  const ids = step.type === 'tool-calls' ? step.calls.map(toolId) : [];
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  const stop = step.type === 'tool-calls' ? 'tool_use' : STOP[step.finishReason ?? 'stop'];
  const message: Record<string, unknown> = { model: meta.model, id: meta.id, type: 'message', role: 'assistant', content: contentOf(step, ids), stop_reason: stop, stop_sequence: null };
  if (stop === 'refusal') message.stop_details = { type: 'refusal', category: 'cyber', explanation: null };
  message.usage = anthropicUsage(step.usage, text);
  return message;
}

const sse = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * The events of a streamed reply (`:streamRawPredict`), as Anthropic sends them: `message_start` (input usage,
 * `output_tokens: 1`), a `ping`, each block as `content_block_start` / `content_block_delta` (`thinking_delta` then
 * `signature_delta`, `text_delta`, `input_json_delta` starting with an empty piece) / `content_block_stop`, then
 * `message_delta` (stop reason, cumulative usage) and `message_stop`. With `cut`, the events stop after the text (and
 * end with an `error` event when `error` names its type).
 */
export function anthropicStreamEvents(step: TextStep | ToolStep, meta: AnthropicMessageMeta, options: { cut?: boolean; error?: string } = {}): string[] {
  const ids = step.type === 'tool-calls' ? step.calls.map(toolId) : [];
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  const usage = anthropicUsage(step.usage, text);
  const { output_tokens: outputTokens, output_tokens_details: details, service_tier: tier, ...input } = usage;
  const events = [sse('message_start', { message: { model: meta.model, id: meta.id, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { ...input, output_tokens: 1, service_tier: tier } } })];
  let index = 0;
  const reasoning = reasoningOf(step);
  if (reasoning) {
    events.push(sse('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const piece of splitText(reasoning, 3)) events.push(sse('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
    events.push(sse('content_block_delta', { index, delta: { type: 'signature_delta', signature: SIGNATURE } }), sse('content_block_stop', { index }));
    index++;
  }
  if (text) {
    events.push(sse('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    if (index === 0) events.push(sse('ping', {}));
    for (const piece of splitText(text, step.type === 'text' ? (step.chunks ?? 4) : 2)) events.push(sse('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
  }
  if (options.cut) {
    if (options.error) events.push(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: options.error, message: options.error === 'overloaded_error' ? 'Overloaded' : 'Internal server error' } })}\n\n`);
    return events;
  }
  if (text) {
    events.push(sse('content_block_stop', { index }));
    index++;
  }
  if (step.type === 'tool-calls') {
    step.calls.forEach((call, i) => {
      events.push(sse('content_block_start', { index, content_block: { type: 'tool_use', id: ids[i], name: call.name, input: {} } }));
      events.push(sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
      for (const piece of splitText(JSON.stringify(call.arguments ?? {}), 3)) events.push(sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
      events.push(sse('content_block_stop', { index }));
      index++;
    });
  }
  const stop = step.type === 'tool-calls' ? 'tool_use' : STOP[step.finishReason ?? 'stop'];
  const delta: Record<string, unknown> = { stop_reason: stop, stop_sequence: null };
  if (stop === 'refusal') delta.stop_details = { type: 'refusal', category: 'cyber', explanation: null };
  const finalUsage: Record<string, unknown> = { ...input, output_tokens: outputTokens };
  delete finalUsage.cache_creation;
  if (details) finalUsage.output_tokens_details = details;
  events.push(sse('message_delta', { delta, usage: finalUsage }), sse('message_stop', {}));
  return events;
}

const ERROR_TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 504: 'timeout_error', 529: 'overloaded_error' };
const ERROR_MESSAGE: Record<string, string> = {
  invalid_request_error: 'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'This request would exceed the rate limit for your organization. Please try again later.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

/** An Anthropic error body, `{ type: 'error', error: { type, message } }`, for a status or an explicit error type. */
export function anthropicErrorBody(status: number, options: { type?: string; message?: string } = {}): Record<string, unknown> {
  const type = options.type ?? ERROR_TYPE[status] ?? 'api_error';
  return { type: 'error', error: { type, message: options.message ?? ERROR_MESSAGE[type] ?? 'Error' } };
}

/** Whether a Claude error reaches the caller in Anthropic's envelope (from Anthropic) rather than Google's (from Vertex in front of it). */
export function isAnthropicError(status: number, code: string | undefined): boolean {
  if (code !== undefined) return /_error$|^request_too_large$/.test(code);
  return status === 400 || status === 413 || status === 500 || status === 529;
}
