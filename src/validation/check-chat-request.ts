import type { CapacityRequestType } from '../types/capacity-tier.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ReasoningSettings } from '../types/reasoning-settings.ts';
import type { ResponseFormat } from '../types/response-format.ts';
import type { ToolDefinition } from '../types/tool-definition.ts';
import { checkCommonFields, checkMilliseconds } from './check-common-fields.ts';
import { checkMessages } from './check-messages.ts';
import { fieldSet } from './field-set.ts';
import { expected, isObject, unknownKey, type RequestProblem } from './request-problem.ts';

/** Every field of `ChatRequest` (src/types/chat-request.ts); the compiler fails while one is missing here. */
export const CHAT_REQUEST_FIELDS = fieldSet<ChatRequest>()([
  'model', 'messages', 'maxTokens', 'temperature', 'topP', 'stop', 'seed', 'tools', 'toolChoice', 'responseFormat', 'reasoning',
  'cacheKey', 'cache', 'serviceTier', 'spillover', 'requestType', 'signal', 'timeoutMs', 'idleTimeoutMs', 'providerOptions', 'tags', 'require',
]);
const TOOL_KEYS = fieldSet<ToolDefinition>()(['name', 'description', 'parameters', 'strict']);
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const JSON_FORMAT_KEYS = fieldSet<Extract<ResponseFormat, { type: 'json' }>>()(['type', 'schema', 'name', 'strict', 'description']);
const TEXT_FORMAT_KEYS = fieldSet<Extract<ResponseFormat, { type: 'text' }>>()(['type']);
const REASONING_KEYS = fieldSet<ReasoningSettings>()(['effort', 'budgetTokens', 'summary']);
const CACHE_KEYS = fieldSet<NonNullable<ChatRequest['cache']>>()(['breakpoints']);
const SPILLOVER_KEYS = fieldSet<NonNullable<ChatRequest['spillover']>>()(['deployment']);
const EFFORTS: ReadonlySet<unknown> = new Set<NonNullable<ReasoningSettings['effort']>>(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
const BREAKPOINTS: ReadonlySet<unknown> = new Set<'system' | 'tools' | 'history'>(['system', 'tools', 'history']);
const SERVICE_TIERS: ReadonlySet<unknown> = new Set<NonNullable<ChatRequest['serviceTier']>>(['auto', 'default', 'flex', 'priority']);
const REQUEST_TYPES: ReadonlySet<unknown> = new Set<CapacityRequestType>(['provisioned', 'shared', 'priority', 'flex']);

const isCount = (v: unknown, min: number): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The first thing wrong with a chat request against the contract (`ChatRequest`), or undefined when it is valid:
 * the shape of every field, the role and content of every message, tools, tool choice, response format,
 * reasoning and caching settings. Unknown fields are errors that name the field they probably meant. Values are
 * not bounded beyond their meaning (a temperature of 3 is sent as 3: the provider decides).
 */
export function checkChatRequest(request: unknown): RequestProblem | undefined {
  if (!isObject(request)) return expected('request', 'an object such as { model, messages }', request);
  const common = checkCommonFields(request);
  if (common) return common;
  const messages = checkMessages(request.messages);
  if (messages) return messages;
  const { maxTokens, temperature, topP, stop, seed, tools, toolChoice, responseFormat, reasoning, cacheKey, cache, serviceTier, spillover, requestType, idleTimeoutMs } = request;
  if (maxTokens !== undefined && !isCount(maxTokens, 1)) return expected('maxTokens', 'a whole number of tokens, at least 1', maxTokens);
  if (temperature !== undefined && !(isFiniteNumber(temperature) && temperature >= 0)) return expected('temperature', 'a number of 0 or more', temperature);
  if (topP !== undefined && !(isFiniteNumber(topP) && topP >= 0 && topP <= 1)) return expected('topP', 'a number from 0 to 1', topP);
  if (stop !== undefined && typeof stop !== 'string') {
    if (!Array.isArray(stop)) return expected('stop', 'a string or a list of strings', stop);
    for (let i = 0; i < stop.length; i++) if (typeof stop[i] !== 'string' || stop[i] === '') return expected(`stop[${i}]`, 'a non-empty string', stop[i]);
  }
  if (seed !== undefined && !(typeof seed === 'number' && Number.isSafeInteger(seed))) return expected('seed', 'a whole number', seed);
  const toolNames = tools === undefined ? undefined : checkTools(tools);
  if (typeof toolNames === 'object' && !(toolNames instanceof Set)) return toolNames;
  if (toolChoice !== undefined) {
    const problem = checkToolChoice(toolChoice, toolNames);
    if (problem) return problem;
  }
  if (responseFormat !== undefined) {
    const problem = checkResponseFormat(responseFormat);
    if (problem) return problem;
  }
  if (reasoning !== undefined) {
    if (!isObject(reasoning)) return expected('reasoning', 'an object such as { effort: "low" }', reasoning);
    const extra = unknownKey(reasoning, REASONING_KEYS, 'reasoning');
    if (extra) return extra;
    if (reasoning.effort !== undefined && !EFFORTS.has(reasoning.effort)) return expected('reasoning.effort', 'none | minimal | low | medium | high | xhigh', reasoning.effort);
    if (reasoning.budgetTokens !== undefined && !isCount(reasoning.budgetTokens, 0)) return expected('reasoning.budgetTokens', 'a whole number of tokens, 0 or more', reasoning.budgetTokens);
    if (reasoning.summary !== undefined && typeof reasoning.summary !== 'boolean') return expected('reasoning.summary', 'true or false', reasoning.summary);
  }
  if (cacheKey !== undefined && (typeof cacheKey !== 'string' || cacheKey === '')) return expected('cacheKey', 'a non-empty string', cacheKey);
  if (cache !== undefined) {
    if (!isObject(cache)) return expected('cache', 'an object such as { breakpoints: ["system", "tools"] }', cache);
    const extra = unknownKey(cache, CACHE_KEYS, 'cache');
    if (extra) return extra;
    const breakpoints = cache.breakpoints;
    if (breakpoints !== undefined) {
      if (!Array.isArray(breakpoints)) return expected('cache.breakpoints', 'a list of system | tools | history', breakpoints);
      for (let i = 0; i < breakpoints.length; i++) if (!BREAKPOINTS.has(breakpoints[i] as unknown)) return expected(`cache.breakpoints[${i}]`, 'system | tools | history', breakpoints[i]);
    }
  }
  if (serviceTier !== undefined && !SERVICE_TIERS.has(serviceTier)) return expected('serviceTier', 'auto | default | flex | priority', serviceTier);
  if (spillover !== undefined) {
    if (!isObject(spillover)) return expected('spillover', 'an object such as { deployment: "gpt4o-paygo" }', spillover);
    const extra = unknownKey(spillover, SPILLOVER_KEYS, 'spillover');
    if (extra) return extra;
    if (typeof spillover.deployment !== 'string' || spillover.deployment === '') return expected('spillover.deployment', 'the name of a standard deployment (a non-empty string)', spillover.deployment);
  }
  if (requestType !== undefined && !REQUEST_TYPES.has(requestType)) return expected('requestType', 'provisioned | shared | priority | flex', requestType);
  if (idleTimeoutMs !== undefined) {
    const problem = checkMilliseconds('idleTimeoutMs', idleTimeoutMs);
    if (problem) return problem;
  }
  return unknownKey(request, CHAT_REQUEST_FIELDS, '');
}

/** The tool names, or the first problem with `tools`. */
function checkTools(tools: unknown): Set<string> | RequestProblem {
  if (!Array.isArray(tools)) return expected('tools', 'a list of tools such as [{ name: "get_weather", parameters: { … } }]', tools);
  const names = new Set<string>();
  for (let i = 0; i < tools.length; i++) {
    const tool = tools[i];
    if (!isObject(tool)) return expected(`tools[${i}]`, 'a tool { name, description?, parameters? }', tool);
    const extra = unknownKey(tool, TOOL_KEYS, `tools[${i}]`);
    if (extra) return extra;
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) return expected(`tools[${i}].name`, 'a name of letters, digits, _ and -, at most 64 characters', tool.name);
    if (names.has(tool.name)) return { field: `tools[${i}].name`, message: `expected a name no other tool has, found "${tool.name}" again` };
    names.add(tool.name);
    if (tool.description !== undefined && typeof tool.description !== 'string') return expected(`tools[${i}].description`, 'a string', tool.description);
    if (tool.parameters !== undefined && !isObject(tool.parameters)) return expected(`tools[${i}].parameters`, 'a JSON Schema object or a zod schema', tool.parameters);
    if (tool.strict !== undefined && typeof tool.strict !== 'boolean') return expected(`tools[${i}].strict`, 'true or false', tool.strict);
  }
  return names;
}

function checkToolChoice(choice: unknown, names: Set<string> | undefined): RequestProblem | undefined {
  if (choice === 'auto' || choice === 'none') return undefined;
  if (choice === 'required') return names && names.size > 0 ? undefined : { field: 'toolChoice', message: 'expected tools to choose from: toolChoice "required" needs at least one tool in tools' };
  if (!isObject(choice) || typeof choice.name !== 'string') return expected('toolChoice', 'auto | none | required | { name }', choice);
  if (!names?.has(choice.name)) return expected('toolChoice.name', names && names.size > 0 ? `one of the tools (${[...names].join(', ')})` : 'the name of a tool in tools (there are none)', choice.name);
  return undefined;
}

function checkResponseFormat(format: unknown): RequestProblem | undefined {
  if (!isObject(format) || (format.type !== 'text' && format.type !== 'json')) return expected(isObject(format) ? 'responseFormat.type' : 'responseFormat', 'text | json', isObject(format) ? format.type : format);
  if (format.type === 'text') return unknownKey(format, TEXT_FORMAT_KEYS, 'responseFormat');
  const extra = unknownKey(format, JSON_FORMAT_KEYS, 'responseFormat');
  if (extra) return extra;
  if (format.schema !== undefined && !isObject(format.schema)) return expected('responseFormat.schema', 'a JSON Schema object or a zod schema', format.schema);
  if (format.name !== undefined && (typeof format.name !== 'string' || format.name === '')) return expected('responseFormat.name', 'a non-empty string', format.name);
  if (format.strict !== undefined && typeof format.strict !== 'boolean') return expected('responseFormat.strict', 'true or false', format.strict);
  if (format.description !== undefined && typeof format.description !== 'string') return expected('responseFormat.description', 'a string', format.description);
  return undefined;
}
