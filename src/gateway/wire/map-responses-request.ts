import type { ChatRequest } from '../../types/chat-request.ts';
import type { ReasoningSettings } from '../../types/reasoning-settings.ts';
import type { ResponseFormat } from '../../types/response-format.ts';
import type { ToolChoice, ToolDefinition } from '../../types/tool-definition.ts';
import { GatewayRequestError, invalidParam } from '../gateway-request-error.ts';
import { mapResponsesInput } from './map-responses-input.ts';
import { isWireObject, wireArray, wireBoolean, wireEnum, wireInteger, wireNumber, wireObject, wireString, type WireObject } from './wire-values.ts';

/** What a Responses answer repeats of its request (OpenAI's response object echoes these). */
export interface ResponsesEcho {
  instructions: string | null;
  max_output_tokens: number | null;
  temperature: number | null;
  top_p: number | null;
  tools: WireObject[];
  tool_choice: unknown;
  text: WireObject;
  reasoning: { effort: string | null; summary: string | null };
  metadata: unknown;
  user: string | null;
  safety_identifier: string | null;
  prompt_cache_key: string | null;
}

/** A Responses request mapped for the router, with what the answer's shape depends on. */
export interface MappedResponsesRequest {
  request: ChatRequest;
  /** `stream: true`: the typed event stream. */
  stream: boolean;
  /** `include` asked for `reasoning.encrypted_content`: reasoning items carry the state to send back. */
  includeReasoningState: boolean;
  echo: ResponsesEcho;
}

const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'] as const;
/** `include` values: the reasoning state, and those about inputs or built-in tools, which change nothing here. */
const INCLUDABLE = new Set(['reasoning.encrypted_content', 'message.input_image.image_url', 'computer_call_output.output.image_url', 'file_search_call.results', 'web_search_call.results', 'web_search_call.action.sources', 'code_interpreter_call.outputs']);

/** Fields mapped below. */
const MAPPED = new Set(['model', 'input', 'instructions', 'max_output_tokens', 'temperature', 'top_p', 'tools', 'tool_choice', 'text', 'reasoning', 'stream', 'stream_options', 'service_tier', 'prompt_cache_key', 'include', 'metadata', 'user', 'safety_identifier']);

/**
 * Fields accepted with no effect on the answer: settings at their default, `max_tool_calls` (it counts built-in tool
 * calls, and built-in tools are refused), `store: false` (the gateway keeps nothing anyway).
 */
const NO_EFFECT = new Map<string, (value: unknown) => boolean>(Object.entries({
  store: (v: unknown) => v === false,
  background: (v: unknown) => v === false,
  parallel_tool_calls: (v: unknown) => v === true,
  truncation: (v: unknown) => v === 'disabled',
  top_logprobs: (v: unknown) => v === 0,
  max_tool_calls: () => true,
}));

/** Fields that need state the gateway does not keep: refused with what to send instead. */
const STATEFUL: Record<string, string> = {
  previous_response_id: 'the gateway keeps no responses (it answers as with store: false); send the earlier turns as input items, with include: ["reasoning.encrypted_content"] to carry reasoning state between turns',
  conversation: 'the gateway keeps no conversations; send the earlier turns as input items',
  prompt: 'stored prompt templates live at one provider and cannot be routed across providers; send instructions and input',
};

function unsupported(param: string, message: string): GatewayRequestError {
  return new GatewayRequestError(400, `${param}: ${message}`, { param, code: 'unsupported_parameter' });
}

function mapTools(value: unknown): { tools: ToolDefinition[]; echo: WireObject[] } {
  const tools: ToolDefinition[] = [];
  const echo: WireObject[] = [];
  wireArray(value, 'tools').forEach((tool, i) => {
    const at = `tools[${i}]`;
    const t = wireObject(tool, at);
    if (t.type !== 'function') throw unsupported(`${at}.type`, `only function tools can be routed across providers, found ${JSON.stringify(t.type)} (a provider's built-in tools have no equivalent elsewhere)`);
    for (const key in t) {
      if (key === 'type' || key === 'name' || key === 'description' || key === 'parameters' || key === 'strict' || t[key] == null) continue;
      if ((key === 'defer_loading' || key === 'async') && t[key] === false) continue;
      if (key === 'allowed_callers' && Array.isArray(t[key]) && (t[key] as unknown[]).every((c) => c === 'direct')) continue;
      throw unsupported(`${at}.${key}`, `${JSON.stringify(t[key])} is not supported by Switchyard's gateway, which routes across providers where it has no equivalent; remove it`);
    }
    const out: ToolDefinition = { name: wireString(t.name, `${at}.name`) };
    if (t.description != null) out.description = wireString(t.description, `${at}.description`);
    if (t.parameters != null) out.parameters = wireObject(t.parameters, `${at}.parameters`);
    if (t.strict != null) out.strict = wireBoolean(t.strict, `${at}.strict`);
    tools.push(out);
    echo.push({ type: 'function', name: out.name, description: out.description ?? null, parameters: t.parameters ?? null, strict: out.strict ?? null });
  });
  return { tools, echo };
}

function mapToolChoice(value: unknown): ToolChoice {
  if (typeof value === 'string') return wireEnum(value, 'tool_choice', ['auto', 'none', 'required'] as const);
  const choice = wireObject(value, 'tool_choice');
  if (choice.type !== 'function') throw unsupported('tool_choice.type', `expected "function", found ${JSON.stringify(choice.type)} (only function tools can be routed across providers)`);
  return { name: wireString(choice.name, 'tool_choice.name') };
}

function mapText(value: unknown): { format: ResponseFormat | undefined; echo: WireObject } {
  const text = wireObject(value, 'text');
  for (const key in text) if (key !== 'format' && key !== 'verbosity' && text[key] != null) throw new GatewayRequestError(400, `Unrecognized request argument supplied: text.${key}`, { param: `text.${key}`, code: 'unknown_parameter' });
  if (text.verbosity != null && text.verbosity !== 'medium') throw unsupported('text.verbosity', `${JSON.stringify(text.verbosity)} has no equivalent across providers; remove it or send "medium"`);
  if (text.format == null) return { format: undefined, echo: { format: { type: 'text' }, verbosity: 'medium' } };
  const format = wireObject(text.format, 'text.format');
  const type = wireEnum(format.type, 'text.format.type', ['text', 'json_object', 'json_schema']);
  const echo = { format, verbosity: 'medium' };
  if (type === 'text') return { format: { type: 'text' }, echo };
  if (type === 'json_object') return { format: { type: 'json' }, echo };
  const out: ResponseFormat = { type: 'json', name: wireString(format.name, 'text.format.name') };
  if (format.schema != null) out.schema = wireObject(format.schema, 'text.format.schema');
  if (format.strict != null) out.strict = wireBoolean(format.strict, 'text.format.strict');
  if (format.description != null) out.description = wireString(format.description, 'text.format.description');
  return { format: out, echo };
}

function mapReasoning(value: unknown): { settings: ReasoningSettings; echo: ResponsesEcho['reasoning'] } {
  const r = wireObject(value, 'reasoning');
  for (const key in r) {
    if (key === 'effort' || key === 'summary' || key === 'generate_summary' || r[key] == null) continue;
    if ((key === 'mode' && r[key] === 'standard') || (key === 'context' && r[key] === 'auto')) continue;
    throw unsupported(`reasoning.${key}`, `${JSON.stringify(r[key])} has no equivalent across providers; remove it`);
  }
  const settings: ReasoningSettings = {};
  const echo: ResponsesEcho['reasoning'] = { effort: null, summary: null };
  if (r.effort != null) echo.effort = settings.effort = wireEnum(r.effort, 'reasoning.effort', REASONING_EFFORTS);
  const summary = r.summary ?? r.generate_summary;
  // Switchyard asks for the reasoning text or not: `concise` and `detailed` are the provider's to honour.
  if (summary != null) {
    echo.summary = wireEnum(summary, r.summary != null ? 'reasoning.summary' : 'reasoning.generate_summary', ['auto', 'concise', 'detailed']);
    settings.summary = true;
  }
  return { settings, echo };
}

function mapInclude(value: unknown): boolean {
  let state = false;
  wireArray(value, 'include').forEach((entry, i) => {
    const name = wireString(entry, `include[${i}]`);
    if (name === 'message.output_text.logprobs') throw unsupported(`include[${i}]`, 'log probabilities are not supported by Switchyard (most providers have none)');
    if (!INCLUDABLE.has(name)) throw invalidParam(`include[${i}]`, `expected one of ${[...INCLUDABLE].map((n) => JSON.stringify(n)).join(', ')}, found ${JSON.stringify(name)}`);
    if (name === 'reasoning.encrypted_content') state = true;
  });
  return state;
}

/**
 * Maps a Responses API request body (`POST /v1/responses`, OpenAI's wire) to a Switchyard `ChatRequest`:
 * `instructions` and `input` become the messages, `max_output_tokens`, `temperature`, `top_p`, function `tools`,
 * `tool_choice`, `text.format`, `reasoning`, `service_tier` and `prompt_cache_key` their fields. Every field is either
 * mapped, accepted because it cannot change the answer, or refused with a 400 that names it: never dropped silently.
 * The gateway is stateless: `previous_response_id`, `conversation` and `store: true` are refused with what to send
 * instead. `null` counts as absent, as OpenAI treats it.
 */
export function mapResponsesRequest(body: unknown): MappedResponsesRequest {
  const b: WireObject = wireObject(body, 'body');
  for (const key in b) {
    if (MAPPED.has(key)) continue;
    const value = b[key];
    if (value === null || value === undefined) continue;
    const stateful = STATEFUL[key];
    if (stateful !== undefined) throw unsupported(key, stateful);
    const allowed = NO_EFFECT.get(key);
    if (allowed?.(value)) continue;
    if (key === 'store') throw unsupported('store', 'the gateway keeps no responses: send store: false (or leave it out) and carry the conversation in input');
    throw new GatewayRequestError(
      400,
      allowed ? `${key}: ${JSON.stringify(value)} is not supported by Switchyard's gateway, which routes across providers where it has no equivalent; remove it or send its default` : `Unrecognized request argument supplied: ${key}`,
      { param: key, code: allowed ? 'unsupported_parameter' : 'unknown_parameter' },
    );
  }
  const model = wireString(b.model, 'model');
  if (model === '') throw invalidParam('model', 'expected an alias (GET /v1/models lists them), found an empty string');
  const instructions = b.instructions == null ? undefined : wireString(b.instructions, 'instructions');
  if (b.input == null) throw invalidParam('input', 'expected a string or a list of input items, found nothing', 'invalid_type');
  const request: ChatRequest = { model, messages: mapResponsesInput(b.input, instructions) };
  const echo: ResponsesEcho = {
    instructions: instructions ?? null,
    max_output_tokens: null,
    temperature: null,
    top_p: null,
    tools: [],
    tool_choice: 'auto',
    text: { format: { type: 'text' }, verbosity: 'medium' },
    reasoning: { effort: null, summary: null },
    metadata: isWireObject(b.metadata) ? b.metadata : {},
    user: typeof b.user === 'string' ? b.user : null,
    safety_identifier: typeof b.safety_identifier === 'string' ? b.safety_identifier : null,
    prompt_cache_key: null,
  };
  if (b.max_output_tokens != null) echo.max_output_tokens = request.maxTokens = wireInteger(b.max_output_tokens, 'max_output_tokens', 1);
  if (b.temperature != null) echo.temperature = request.temperature = wireNumber(b.temperature, 'temperature');
  if (b.top_p != null) echo.top_p = request.topP = wireNumber(b.top_p, 'top_p');
  if (b.tools != null) {
    const { tools, echo: echoed } = mapTools(b.tools);
    if (tools.length > 0) request.tools = tools;
    echo.tools = echoed;
  }
  if (b.tool_choice != null) {
    request.toolChoice = mapToolChoice(b.tool_choice);
    echo.tool_choice = b.tool_choice;
  }
  if (b.text != null) {
    const { format, echo: echoed } = mapText(b.text);
    if (format) request.responseFormat = format;
    echo.text = echoed;
  }
  if (b.reasoning != null) {
    const { settings, echo: echoed } = mapReasoning(b.reasoning);
    if (settings.effort !== undefined || settings.summary !== undefined) request.reasoning = settings;
    echo.reasoning = echoed;
  }
  if (b.service_tier != null) request.serviceTier = wireEnum(b.service_tier, 'service_tier', SERVICE_TIERS);
  if (b.prompt_cache_key != null) echo.prompt_cache_key = request.cacheKey = wireString(b.prompt_cache_key, 'prompt_cache_key');
  if (b.metadata != null) wireObject(b.metadata, 'metadata');
  if (b.user != null) wireString(b.user, 'user');
  if (b.safety_identifier != null) wireString(b.safety_identifier, 'safety_identifier');
  const stream = b.stream == null ? false : wireBoolean(b.stream, 'stream');
  if (b.stream_options != null) {
    if (!stream) throw invalidParam('stream_options', 'stream_options is only allowed when stream is true', 'invalid_value');
    const options = wireObject(b.stream_options, 'stream_options');
    // include_obfuscation pads events against side channels; Switchyard's events carry no padding either way.
    for (const key in options) if (key !== 'include_obfuscation') throw new GatewayRequestError(400, `Unrecognized stream option: stream_options.${key}`, { param: `stream_options.${key}`, code: 'unknown_parameter' });
  }
  const includeReasoningState = b.include == null ? false : mapInclude(b.include);
  return { request, stream, includeReasoningState, echo };
}
