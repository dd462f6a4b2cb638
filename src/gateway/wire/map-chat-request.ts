import type { ChatRequest } from '../../types/chat-request.ts';
import type { ResponseFormat } from '../../types/response-format.ts';
import type { ToolChoice, ToolDefinition } from '../../types/tool-definition.ts';
import { GatewayRequestError, invalidParam } from '../gateway-request-error.ts';
import { mapChatMessages } from './map-chat-messages.ts';
import { isWireObject, wireArray, wireBoolean, wireEnum, wireInteger, wireNumber, wireObject, wireString, type WireObject } from './wire-values.ts';

/** A Chat Completions request mapped for the router, with what the answer's shape depends on. */
export interface MappedChatRequest {
  request: ChatRequest;
  /** `stream: true`. */
  stream: boolean;
  /** `stream_options.include_usage: true`: the stream ends with a usage chunk. */
  includeUsage: boolean;
}

/**
 * Fields accepted with no effect on the answer: who is asking (`user`, `safety_identifier`), labels for OpenAI's own
 * dashboard (`metadata`), and settings at their default value, which Switchyard's contract leaves unset.
 */
const NO_EFFECT = new Map<string, (value: unknown) => boolean>(Object.entries({
  user: () => true,
  safety_identifier: () => true,
  metadata: () => true,
  store: (v: unknown) => v === false,
  n: (v: unknown) => v === 1,
  presence_penalty: (v: unknown) => v === 0,
  frequency_penalty: (v: unknown) => v === 0,
  logprobs: (v: unknown) => v === false,
  top_logprobs: (v: unknown) => v === 0,
  logit_bias: (v: unknown) => isWireObject(v) && Object.keys(v).length === 0,
  parallel_tool_calls: (v: unknown) => v === true,
  modalities: (v: unknown) => Array.isArray(v) && v.length === 1 && v[0] === 'text',
}));

/** Fields mapped below. */
const MAPPED = new Set(['model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'seed', 'tools', 'tool_choice', 'response_format', 'stream', 'stream_options', 'reasoning_effort', 'service_tier', 'prompt_cache_key']);

const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'] as const;

function mapTools(value: unknown): ToolDefinition[] {
  return wireArray(value, 'tools').map((tool, i) => {
    const at = `tools[${i}]`;
    const t = wireObject(tool, at);
    if (t.type !== 'function') throw new GatewayRequestError(400, `${at}.type: only function tools can be routed across providers, found ${JSON.stringify(t.type)}`, { param: `${at}.type`, code: 'unsupported_parameter' });
    const fn = wireObject(t.function, `${at}.function`);
    const out: ToolDefinition = { name: wireString(fn.name, `${at}.function.name`) };
    if (fn.description !== undefined && fn.description !== null) out.description = wireString(fn.description, `${at}.function.description`);
    if (fn.parameters !== undefined && fn.parameters !== null) out.parameters = wireObject(fn.parameters, `${at}.function.parameters`);
    if (fn.strict !== undefined && fn.strict !== null) out.strict = wireBoolean(fn.strict, `${at}.function.strict`);
    return out;
  });
}

function mapToolChoice(value: unknown): ToolChoice {
  if (typeof value === 'string') return wireEnum(value, 'tool_choice', ['auto', 'none', 'required'] as const);
  const choice = wireObject(value, 'tool_choice');
  if (choice.type !== 'function') throw new GatewayRequestError(400, `tool_choice.type: expected "function", found ${JSON.stringify(choice.type)}`, { param: 'tool_choice.type', code: 'unsupported_parameter' });
  return { name: wireString(wireObject(choice.function, 'tool_choice.function').name, 'tool_choice.function.name') };
}

function mapResponseFormat(value: unknown): ResponseFormat {
  const format = wireObject(value, 'response_format');
  const type = wireEnum(format.type, 'response_format.type', ['text', 'json_object', 'json_schema']);
  if (type === 'text') return { type: 'text' };
  if (type === 'json_object') return { type: 'json' };
  const spec = wireObject(format.json_schema, 'response_format.json_schema');
  const out: ResponseFormat = { type: 'json', name: wireString(spec.name, 'response_format.json_schema.name') };
  if (spec.schema !== undefined && spec.schema !== null) out.schema = wireObject(spec.schema, 'response_format.json_schema.schema');
  if (spec.strict !== undefined && spec.strict !== null) out.strict = wireBoolean(spec.strict, 'response_format.json_schema.strict');
  if (spec.description !== undefined && spec.description !== null) out.description = wireString(spec.description, 'response_format.json_schema.description');
  return out;
}

function mapStop(value: unknown): string | string[] {
  if (typeof value === 'string') return value;
  return wireArray(value, 'stop').map((s, i) => wireString(s, `stop[${i}]`));
}

/**
 * Maps a Chat Completions request body (OpenAI's wire) to a Switchyard `ChatRequest`. Every field is either mapped,
 * accepted because it cannot change the answer, or refused with a 400 that names it: never dropped silently.
 * `null` counts as absent, as OpenAI treats it.
 */
export function mapChatRequest(body: unknown): MappedChatRequest {
  const b: WireObject = wireObject(body, 'body');
  for (const key in b) {
    if (MAPPED.has(key)) continue;
    const value = b[key];
    const allowed = NO_EFFECT.get(key);
    if (value === null || value === undefined || allowed?.(value)) continue;
    throw new GatewayRequestError(
      400,
      allowed
        ? `${key}: ${JSON.stringify(value)} is not supported by Switchyard's gateway, which routes across providers where it has no equivalent; remove it or send its default`
        : `Unrecognized request argument supplied: ${key}`,
      { param: key, code: allowed ? 'unsupported_parameter' : 'unknown_parameter' },
    );
  }
  const model = wireString(b.model, 'model');
  if (model === '') throw invalidParam('model', 'expected an alias (GET /v1/models lists them), found an empty string');
  const request: ChatRequest = { model, messages: mapChatMessages(b.messages) };
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) request.maxTokens = wireInteger(maxTokens, b.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens', 1);
  if (b.temperature != null) request.temperature = wireNumber(b.temperature, 'temperature');
  if (b.top_p != null) request.topP = wireNumber(b.top_p, 'top_p');
  if (b.stop != null) request.stop = mapStop(b.stop);
  if (b.seed != null) request.seed = wireInteger(b.seed, 'seed');
  if (b.tools != null) {
    const tools = mapTools(b.tools);
    if (tools.length > 0) request.tools = tools;
  }
  if (b.tool_choice != null) request.toolChoice = mapToolChoice(b.tool_choice);
  if (b.response_format != null) request.responseFormat = mapResponseFormat(b.response_format);
  if (b.reasoning_effort != null) request.reasoning = { effort: wireEnum(b.reasoning_effort, 'reasoning_effort', REASONING_EFFORTS) };
  if (b.service_tier != null) request.serviceTier = wireEnum(b.service_tier, 'service_tier', SERVICE_TIERS);
  if (b.prompt_cache_key != null) request.cacheKey = wireString(b.prompt_cache_key, 'prompt_cache_key');
  const stream = b.stream == null ? false : wireBoolean(b.stream, 'stream');
  let includeUsage = false;
  if (b.stream_options != null) {
    if (!stream) throw invalidParam('stream_options', 'stream_options is only allowed when stream is true', 'invalid_value');
    const options = wireObject(b.stream_options, 'stream_options');
    // include_obfuscation pads chunks against side channels; Switchyard's chunks carry no padding either way.
    if (options.include_usage != null) includeUsage = wireBoolean(options.include_usage, 'stream_options.include_usage');
    for (const key in options) if (key !== 'include_usage' && key !== 'include_obfuscation') throw new GatewayRequestError(400, `Unrecognized stream option: stream_options.${key}`, { param: `stream_options.${key}`, code: 'unknown_parameter' });
  }
  return { request, stream, includeUsage };
}

