import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { toJsonSchema } from '../../src/schema/to-json-schema.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Warning } from '../../src/types/warning.ts';
import { anthropicModelFacts, type AnthropicModelFacts } from './anthropic-model-facts.ts';
import { MIN_THINKING_BUDGET, resolveAnthropicThinking } from './anthropic-reasoning.ts';
import { convertToAnthropicMessages, type AnthropicInputMessage } from './convert-to-anthropic-messages.ts';
import { convertToAnthropicSchema } from './convert-to-anthropic-schema.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const EPHEMERAL = { type: 'ephemeral' } as const;

/** How a request is built for one platform. */
export interface AnthropicRequestOptions {
  /** The provider's id (reasoning state, messages). */
  provider: string;
  /** The model: sent in the body when `modelInBody`, and used to look up what the model can do. */
  model: string;
  /** Whether `model` goes in the body (the Claude API) or only in the URL (Vertex). */
  modelInBody: boolean;
  /** Fields every body carries (Vertex: `anthropic_version`). */
  bodyFields: Json;
  /** Structured output through a forced tool (`tool`) or `output_config.format` (`native`, where the model has it). */
  structuredOutput: 'tool' | 'native';
  /** `max_tokens` when the request sets no `maxTokens`, instead of the model's maximum output. */
  defaultMaxTokens?: number | undefined;
  /** The API version takes no `temperature`, `top_p` or `top_k` (2026-10-21 and later). */
  samplingRemoved: boolean;
  /** A streaming request (`stream: true`). */
  stream: boolean;
}

/** The structured-output tool of a request, so that the response can turn its input back into the JSON text. */
export interface AnthropicResponseTool {
  name: string;
  /** The schema's root was not an object: the answer is under `value`. */
  wrapped: boolean;
}

/** A Messages request body, its warnings, and the structured-output tool when one was added. */
export interface AnthropicRequestBody {
  body: Json;
  warnings: Warning[];
  responseTool?: AnthropicResponseTool;
}

function unsupported(provider: string, feature: string, message: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`${provider}: ${message}`, { feature, provider });
}

/** Marks the last block of the last message that can carry `cache_control` (not a thinking block). */
function markHistory(messages: AnthropicInputMessage[], warnings: Warning[]): void {
  for (let m = messages.length - 1; m >= 0; m--) {
    const content = (messages[m] as AnthropicInputMessage).content;
    for (let b = content.length - 1; b >= 0; b--) {
      const block = content[b] as Json;
      if (block.type === 'thinking' || block.type === 'redacted_thinking') continue;
      block.cache_control = EPHEMERAL;
      return;
    }
  }
  warnings.push({ type: 'other', setting: 'cache.breakpoints', message: 'There is no history to mark for caching.' });
}

function mergeProviderOptions(body: Json, extra: Json): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = body[key];
    body[key] = isObject(existing) && isObject(value) ? { ...existing, ...value } : value;
  }
}

function fitMaxTokens(request: ChatRequest, options: AnthropicRequestOptions, facts: AnthropicModelFacts, warnings: Warning[]): number {
  if (request.maxTokens !== undefined) return request.maxTokens;
  if (options.defaultMaxTokens !== undefined) return options.defaultMaxTokens;
  if (!facts.known) {
    warnings.push({ type: 'other', setting: 'maxTokens', message: `Claude needs max_tokens and Switchyard does not know ${options.model}; it sent ${facts.maxOutputTokens}, the maximum output of its generation. Set maxTokens on the request, or anthropic.defaultMaxTokens on the provider.` });
  }
  return facts.maxOutputTokens;
}

/**
 * Builds a Messages request body. `max_tokens` (required by Anthropic) is the request's `maxTokens`, else the
 * provider's `defaultMaxTokens`, else the model's maximum output from Anthropic's model pages (which thinking counts
 * toward). Tools carry `input_schema`; `toolChoice` maps to `tool_choice` (`auto`, `any` for `required`, `tool` for
 * `{ name }`, `none`); structured output goes through a forced tool, or `output_config.format` when the provider asks for
 * the native route and the model has it; `reasoning` is mapped by `resolveAnthropicThinking`; `stop` is
 * `stop_sequences`; `temperature` and `topP` are sent where the model and API version take them (never with thinking,
 * which fixes them); `cache.breakpoints` place `cache_control` on the system prompt, the last tool and the last
 * message. `providerOptions.anthropic` is merged last. What Claude cannot do is a warning, or an
 * `UnsupportedFeatureError` when the request could not succeed.
 */
export function convertToAnthropicRequest(request: ChatRequest, options: AnthropicRequestOptions): AnthropicRequestBody {
  const { provider } = options;
  const warnings: Warning[] = [];
  const facts = anthropicModelFacts(options.model);
  const { system, messages } = convertToAnthropicMessages(request.messages, { provider, warnings });
  const thinking = resolveAnthropicThinking(request.reasoning, facts, warnings);
  const body: Json = options.modelInBody ? { model: options.model, ...options.bodyFields } : { ...options.bodyFields };

  const maxTokens = fitMaxTokens(request, options, facts, warnings);
  body.max_tokens = maxTokens;
  const breakpoints = new Set(request.cache?.breakpoints ?? []);
  if (system.length > 0) {
    body.system = breakpoints.has('system') || system.length > 1 ? system.map((text) => ({ type: 'text', text })) : system[0];
    if (breakpoints.has('system')) (body.system as Json[])[(body.system as Json[]).length - 1]!.cache_control = EPHEMERAL;
  } else if (breakpoints.has('system')) {
    warnings.push({ type: 'other', setting: 'cache.breakpoints', message: 'There is no system prompt to mark for caching.' });
  }
  if (breakpoints.has('history')) markHistory(messages, warnings);
  body.messages = messages;

  const native = options.structuredOutput === 'native' && facts.nativeStructuredOutput;
  const tools: Json[] = (request.tools ?? []).map((tool) => {
    const schema = toJsonSchema(tool.parameters) ?? { type: 'object', properties: {} };
    const entry: Json = { name: tool.name };
    if (tool.description !== undefined) entry.description = tool.description;
    entry.input_schema = schema.type === undefined ? { type: 'object', ...schema } : schema;
    if (tool.strict && native) entry.strict = true;
    else if (tool.strict) warnings.push({ type: 'unsupported-setting', setting: `tools.${tool.name}.strict`, message: `Strict tool use needs native structured outputs (anthropic.structuredOutput: native, on a model that has them); the tool was sent without strict.` });
    return entry;
  });

  let toolChoice: Json | undefined;
  if (request.toolChoice !== undefined) {
    if (tools.length === 0) {
      warnings.push({ type: 'unsupported-setting', setting: 'toolChoice', message: 'toolChoice was given without tools; it was not sent.' });
    } else {
      const choice = request.toolChoice;
      toolChoice = choice === 'auto' ? { type: 'auto' } : choice === 'none' ? { type: 'none' } : choice === 'required' ? { type: 'any' } : { type: 'tool', name: choice.name };
      if (thinking.active && (toolChoice.type === 'any' || toolChoice.type === 'tool')) {
        throw unsupported(provider, 'toolChoice', `Claude cannot be forced to call a tool while it thinks ("Thinking may not be enabled when tool_choice forces tool use"): use toolChoice auto, or drop request.reasoning${facts.thinking === 'always' ? ` (${facts.family} always thinks)` : ''}.`);
      }
    }
  }

  let responseTool: AnthropicResponseTool | undefined;
  const format = request.responseFormat;
  if (format?.type === 'json') {
    const schema = toJsonSchema(format.schema);
    if (options.structuredOutput === 'native' && !facts.nativeStructuredOutput) {
      warnings.push({ type: 'other', setting: 'responseFormat', message: `${facts.family} has no native structured outputs; the schema was sent as a forced tool.` });
    }
    if (native && schema) {
      const outputConfig = (body.output_config ??= {}) as Json;
      const converted = convertToAnthropicSchema(schema, 'responseFormat.schema', warnings);
      if (format.description !== undefined && converted.description === undefined) converted.description = format.description;
      outputConfig.format = { type: 'json_schema', schema: converted };
    } else {
      const name = format.name ?? 'json_response';
      if (tools.some((t) => t.name === name)) throw unsupported(provider, 'responseFormat.name', `the structured-output tool "${name}" has the name of one of the request's tools: set responseFormat.name to another name.`);
      const object = schema === undefined || schema.type === 'object' || (schema.type === undefined && isObject(schema.properties));
      const inputSchema = schema === undefined ? { type: 'object' } : object ? (schema.type === undefined ? { type: 'object', ...schema } : schema) : { type: 'object', properties: { value: schema }, required: ['value'] };
      tools.push({ name, description: format.description ?? 'Respond with the answer as the input of this tool, following its schema.', input_schema: inputSchema });
      responseTool = { name, wrapped: !object };
      if (thinking.active) {
        warnings.push({ type: 'other', setting: 'responseFormat', message: `Claude cannot be forced to call the ${name} tool while it thinks; it was offered with tool_choice auto, so the reply may be text. Use anthropic.structuredOutput: native for a guaranteed schema.` });
        toolChoice ??= { type: 'auto' };
      } else {
        toolChoice ??= request.tools?.length ? { type: 'any' } : { type: 'tool', name };
      }
    }
  }
  if (tools.length > 0) {
    if (breakpoints.has('tools')) (tools[tools.length - 1] as Json).cache_control = EPHEMERAL;
    body.tools = tools;
  } else if (breakpoints.has('tools')) {
    warnings.push({ type: 'other', setting: 'cache.breakpoints', message: 'There are no tools to mark for caching.' });
  }
  if (toolChoice) body.tool_choice = toolChoice;

  if (thinking.budget) {
    let budget = thinking.budget.tokens;
    // Thinking counts toward max_tokens and its budget must stay below it: an effort's budget leaves half for the answer.
    const limit = thinking.budget.explicit ? maxTokens - 1 : Math.floor(maxTokens / 2);
    if (budget > limit) {
      if (thinking.budget.explicit) warnings.push({ type: 'other', setting: 'reasoning.budgetTokens', message: `The thinking budget must be below max_tokens (${maxTokens}); ${budget} was lowered to ${Math.max(limit, MIN_THINKING_BUDGET)}.` });
      budget = Math.max(limit, MIN_THINKING_BUDGET);
    }
    if (budget >= maxTokens) {
      warnings.push({ type: 'other', setting: 'reasoning', message: `max_tokens (${maxTokens}) leaves no room for Claude's smallest thinking budget (${MIN_THINKING_BUDGET}); thinking was not sent.` });
      thinking.active = facts.thinking === 'always';
    } else {
      body.thinking = { type: 'enabled', budget_tokens: budget };
    }
  } else if (thinking.thinking) {
    body.thinking = thinking.thinking;
  }
  if (thinking.effort) ((body.output_config ??= {}) as Json).effort = thinking.effort;

  const sampling: Array<['temperature' | 'topP', number | undefined, string]> = [
    ['temperature', request.temperature, 'temperature'],
    ['topP', request.topP, 'top_p'],
  ];
  for (const [setting, value, field] of sampling) {
    if (value === undefined) continue;
    let reason: string | undefined;
    if (options.samplingRemoved) reason = `the Anthropic API version ${String(options.bodyFields.anthropic_version ?? '')} takes no ${field}`;
    else if (facts.sampling === 'none') reason = `${facts.family} takes no ${field}`;
    else if (thinking.active && (setting === 'temperature' || value < 0.95)) reason = `Claude takes no ${setting === 'temperature' ? 'temperature' : 'top_p below 0.95'} while it thinks`;
    else if (setting === 'topP' && facts.sampling === 'one' && body.temperature !== undefined) reason = `${facts.family} takes temperature or top_p, not both; temperature was sent`;
    if (reason) warnings.push({ type: 'unsupported-setting', setting, message: `${reason}; ${setting} was not sent.` });
    else body[field] = value;
  }
  if (request.stop !== undefined) body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed !== undefined) warnings.push({ type: 'unsupported-setting', setting: 'seed', message: 'Claude has no seed; it was not sent.' });
  if (options.stream) body.stream = true;

  const extra = request.providerOptions?.anthropic;
  if (extra) mergeProviderOptions(body, extra);
  const result: AnthropicRequestBody = { body, warnings };
  if (responseTool) result.responseTool = responseTool;
  return result;
}
