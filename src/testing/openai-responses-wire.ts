import { countWords, splitText } from './mock-responses.ts';
import { mockId } from './openai-wire.ts';
import type { ScriptStep, ScriptUsage } from './script-step.ts';

type TextStep = Extract<ScriptStep, { type: 'text' }>;
type ToolStep = Extract<ScriptStep, { type: 'tool-calls' }>;
type Json = Record<string, any>;

/** What a mock Responses answer echoes from the request. */
export interface ResponsesEcho {
  /** The request body (its `model`, `store`, `instructions`, `reasoning`, `tools`, … are echoed as OpenAI does). */
  body: Json;
  /** The model reported as served. */
  model: string;
}

/** The Responses usage block for a step (`input_tokens_details.cached_tokens` ⊂ input, `reasoning_tokens` ⊂ output). */
export function openAIResponsesUsage(usage: ScriptUsage | undefined, text: string) {
  const input = usage?.inputTokens ?? 12;
  const output = usage?.outputTokens ?? countWords(text);
  return { input_tokens: input, input_tokens_details: { cached_tokens: usage?.cachedInputTokens ?? 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 }, total_tokens: input + output };
}

/** An opaque encrypted-reasoning token, as the API hands it out (base64url, `gAAAAA` prefix); it names the summary so tests can see it come back. */
export function mockEncryptedReasoning(summary: string): string {
  return `gAAAAAB${Buffer.from(JSON.stringify({ summary })).toString('base64url')}`;
}

/** The output items of a step, in the order the API returns them: reasoning, message, function calls. */
function outputItems(step: TextStep | ToolStep, responseId: string): Json[] {
  const suffix = responseId.slice(5);
  const items: Json[] = [];
  if (step.reasoning !== undefined) items.push({ id: `rs_${suffix}`, type: 'reasoning', encrypted_content: mockEncryptedReasoning(step.reasoning), summary: [{ type: 'summary_text', text: step.reasoning }] });
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  if (text) items.push({ id: `msg_${suffix}`, type: 'message', status: 'completed', content: [{ type: 'output_text', annotations: [], logprobs: [], text }], role: 'assistant' });
  if (step.type === 'tool-calls') {
    step.calls.forEach((call, i) => {
      items.push({ id: `fc_${i}${suffix}`, type: 'function_call', status: 'completed', arguments: JSON.stringify(call.arguments), call_id: call.id ?? `call_${i}${suffix.slice(-12)}`, name: call.name });
    });
  }
  return items;
}

/** The `response` object, as `POST /responses` returns it and `response.completed` carries it. */
function responseObject(echo: ResponsesEcho, id: string, status: string, output: Json[], extra: Json): Json {
  const body = echo.body;
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: null,
    model: echo.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    safety_identifier: null,
    service_tier: body.service_tier && body.service_tier !== 'auto' ? body.service_tier : 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_logprobs: 0,
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...extra,
  };
}

const INCOMPLETE = { length: 'max_output_tokens', 'content-filter': 'content_filter' } as const;

/** The finished response of a step (non-streaming answer, and the payload of the terminal stream event). */
export function openAIResponsesResponse(step: TextStep | ToolStep, echo: ResponsesEcho, id = mockId('resp_')): Json {
  const output = outputItems(step, id);
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  const reason = step.type === 'text' && step.finishReason && step.finishReason !== 'stop' ? INCOMPLETE[step.finishReason] : undefined;
  const extra: Json = { usage: openAIResponsesUsage(step.usage, text) };
  // The tier that served, when the script says (else the one asked for, as `responseObject` echoes it).
  if (step.serviceTier !== undefined) extra.service_tier = step.serviceTier;
  if (reason) extra.incomplete_details = { reason };
  return responseObject(echo, id, reason ? 'incomplete' : 'completed', output, extra);
}

/** One SSE frame: the `event:` line OpenAI sends, and the JSON data with its `sequence_number`. */
function frame(event: Json, seq: number): string {
  return `event: ${event.type}\ndata: ${JSON.stringify({ type: event.type, sequence_number: seq, ...event })}\n\n`;
}

/**
 * The SSE frames of a streamed step, as the Responses API sends them: `response.created`, `response.in_progress`,
 * then per output item `output_item.added`, its deltas (`reasoning_summary_text.delta`, `output_text.delta` in
 * `chunks` pieces, `function_call_arguments.delta` then `.done`) and `output_item.done`, and last
 * `response.completed` (or `response.incomplete`) with usage. With `terminal: false` the terminal event is left out.
 */
export function openAIResponsesEvents(step: TextStep | ToolStep, echo: ResponsesEcho, options: { terminal?: boolean } = {}, id = mockId('resp_')): string[] {
  const final = openAIResponsesResponse(step, echo, id);
  const events: Json[] = [
    { type: 'response.created', response: responseObject(echo, id, 'in_progress', [], {}) },
    { type: 'response.in_progress', response: responseObject(echo, id, 'in_progress', [], {}) },
  ];
  (final.output as Json[]).forEach((item, index) => {
    if (item.type === 'reasoning') {
      // The encrypted content of output_item.added may be partial; the finished item carries all of it.
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, encrypted_content: String(item.encrypted_content).slice(0, 12), summary: [] } });
      const summary = item.summary[0].text as string;
      events.push({ type: 'response.reasoning_summary_part.added', item_id: item.id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const piece of splitText(summary, 3)) events.push({ type: 'response.reasoning_summary_text.delta', item_id: item.id, output_index: index, summary_index: 0, delta: piece, obfuscation: 'Xq9' });
      events.push({ type: 'response.reasoning_summary_text.done', item_id: item.id, output_index: index, summary_index: 0, text: summary });
      events.push({ type: 'response.reasoning_summary_part.done', item_id: item.id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: summary } });
    } else if (item.type === 'message') {
      const text = item.content[0].text as string;
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      events.push({ type: 'response.content_part.added', item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', annotations: [], logprobs: [], text: '' } });
      for (const piece of splitText(text, step.type === 'text' ? (step.chunks ?? 4) : 2)) events.push({ type: 'response.output_text.delta', item_id: item.id, output_index: index, content_index: 0, delta: piece, logprobs: [], obfuscation: 'Xq9' });
      events.push({ type: 'response.output_text.done', item_id: item.id, output_index: index, content_index: 0, text, logprobs: [] });
      events.push({ type: 'response.content_part.done', item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', annotations: [], logprobs: [], text } });
    } else {
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const piece of splitText(item.arguments, 3)) events.push({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: index, delta: piece, obfuscation: 'Xq9' });
      events.push({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, arguments: item.arguments });
    }
    events.push({ type: 'response.output_item.done', output_index: index, item });
  });
  if (options.terminal !== false) events.push({ type: final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response: final });
  return events.map(frame);
}

/**
 * The frames of a stream that fails in-band after it started: `response.created`, an `error` event (OpenAI's
 * nested shape: `{ error: { type, code, message, param } }`), then `response.failed`, as OpenAI reports a quota
 * or rate limit on a streaming Responses request (the case Bifrost #5395 does not fail over).
 */
export function openAIResponsesErrorEvents(echo: ResponsesEcho, error: { code: string; message: string }, id = mockId('resp_')): string[] {
  return [
    frame({ type: 'response.created', response: responseObject(echo, id, 'in_progress', [], {}) }, 0),
    frame({ type: 'error', error: { type: error.code, code: error.code, message: error.message, param: null } }, 1),
    frame({ type: 'response.failed', response: responseObject(echo, id, 'failed', [], { error: { code: error.code, message: error.message } }) }, 2),
  ];
}

/** The in-band error of a scripted status: the code OpenAI uses for it and its message. */
export function openAIResponsesStreamError(status: number, message: string | undefined, code: string | undefined): { code: string; message: string } {
  if (status === 429) return { code: code ?? 'insufficient_quota', message: message ?? 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.' };
  if (status >= 500) return { code: code ?? 'server_error', message: message ?? 'An error occurred while processing your request. You can retry your request, or contact us through our help center.' };
  return { code: code ?? 'invalid_prompt', message: message ?? 'Invalid prompt.' };
}
