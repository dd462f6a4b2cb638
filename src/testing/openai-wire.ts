import { countWords, splitText } from './mock-responses.ts';
import type { ScriptStep, ScriptUsage } from './script-step.ts';

type TextStep = Extract<ScriptStep, { type: 'text' }>;
type ToolStep = Extract<ScriptStep, { type: 'tool-calls' }>;

let counter = 0;
/** A fresh id with a provider-like prefix, such as `chatcmpl-AbC123…`. */
export function mockId(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(6, '0')}Xq9`;
}

/** The OpenAI usage block for a step. */
export function openAIUsage(usage: ScriptUsage | undefined, text: string) {
  const prompt = usage?.inputTokens ?? 12;
  const completion = usage?.outputTokens ?? countWords(text);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const FINISH = { stop: 'stop', length: 'length', 'content-filter': 'content_filter' } as const;

/** A non-streaming `chat.completion` for a text or tool-calls step. */
export function openAIChatCompletion(step: TextStep | ToolStep, model: string, id = mockId('chatcmpl-')) {
  const text = step.type === 'text' ? step.text : (step.text ?? null);
  const message: Record<string, unknown> = { role: 'assistant', content: text, refusal: null, annotations: [] };
  if (step.type === 'tool-calls') {
    message.tool_calls = step.calls.map((c, i) => ({ id: c.id ?? `call_${i}${id.slice(-8)}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
  }
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: step.type === 'tool-calls' ? 'tool_calls' : FINISH[step.finishReason ?? 'stop'] }],
    usage: openAIUsage(step.usage, text ?? ''),
    service_tier: step.serviceTier ?? 'default',
    system_fingerprint: 'fp_f33640a400',
  };
}

/** The `data:` payloads (JSON objects) of a streamed reply, without `[DONE]`. */
export function openAIChatChunks(step: TextStep | ToolStep, model: string, includeUsage: boolean, id = mockId('chatcmpl-')): object[] {
  const created = Math.floor(Date.now() / 1000);
  const tier = step.serviceTier === undefined ? {} : { service_tier: step.serviceTier };
  const chunk = (delta: object, finish: string | null = null) => ({ id, object: 'chat.completion.chunk', created, model, ...tier, system_fingerprint: 'fp_f33640a400', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) });
  const out: object[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  if (text) for (const piece of splitText(text, step.type === 'text' ? (step.chunks ?? 4) : 2)) out.push(chunk({ content: piece }));
  if (step.type === 'tool-calls') {
    step.calls.forEach((call, index) => {
      const callId = call.id ?? `call_${index}${id.slice(-8)}`;
      out.push(chunk({ tool_calls: [{ index, id: callId, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of splitText(JSON.stringify(call.arguments), 3)) out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  }
  out.push(chunk({}, step.type === 'tool-calls' ? 'tool_calls' : FINISH[step.finishReason ?? 'stop']));
  if (includeUsage) out.push({ id, object: 'chat.completion.chunk', created, model, ...tier, system_fingerprint: 'fp_f33640a400', choices: [], usage: openAIUsage(step.usage, text) });
  return out;
}

/** An OpenAI-format error body; `vllm` sends the HTTP status as an integer `code`. */
export function openAIErrorBody(status: number, message: string | undefined, code: string | undefined, flavor: 'openai' | 'vllm') {
  if (flavor === 'vllm') return { error: { message: message ?? `Error ${status}`, type: status >= 500 ? 'InternalServerError' : 'BadRequestError', param: null, code: status } };
  const type = status === 429 ? 'requests' : status === 401 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const defaults: Record<number, [string, string | null]> = {
    400: ['Invalid request.', null],
    401: ['Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_api_key'],
    404: ['The model does not exist or you do not have access to it.', 'model_not_found'],
    429: ['Rate limit reached for requests. Please try again in 1s.', 'rate_limit_exceeded'],
    500: ['The server had an error while processing your request. Sorry about that!', null],
    503: ['The engine is currently overloaded, please try again later.', null],
  };
  const [m, c] = defaults[status] ?? [`Error ${status}`, null];
  return { error: { message: message ?? m, type, param: null, code: code ?? c } };
}
