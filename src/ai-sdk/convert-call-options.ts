import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ToolDefinition } from '../types/tool-definition.ts';
import { convertPrompt } from './convert-prompt.ts';
import { callerHeaders } from './caller-headers.ts';

/**
 * `providerOptions.switchyard` of an AI SDK call: Switchyard's own request fields.
 * @example providerOptions: { switchyard: { tags: { tenant: 'acme' }, timeoutMs: 20000 } }
 */
export interface SwitchyardCallOptions {
  /** Metering dimensions recorded in the ledger. */
  tags?: Record<string, string> | undefined;
  /** Narrows routing to providers with all of these tags. */
  require?: { tags?: string[] };
  /** Bounds the whole call (all attempts), in ms. */
  timeoutMs?: number | undefined;
  /** Raw fields merged into a provider's request body, by provider type (`{ openai: { service_tier: 'flex' } }`). */
  providerOptions?: Record<string, Record<string, unknown>> | undefined;
}

const unsupported = (feature: string, details?: string): SharedV4Warning => ({ type: 'unsupported', feature, ...(details ? { details } : {}) });

/** Converts AI SDK call options to a Switchyard chat request for `model`, with a warning for each setting it drops. */
export function convertCallOptions(model: string, options: LanguageModelV4CallOptions): { request: ChatRequest; warnings: SharedV4Warning[] } {
  const warnings: SharedV4Warning[] = [];
  const request: ChatRequest = { model, messages: convertPrompt(options.prompt, warnings) };
  if (options.maxOutputTokens !== undefined) request.maxTokens = options.maxOutputTokens;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.topP = options.topP;
  if (options.stopSequences?.length) request.stop = options.stopSequences;
  if (options.seed !== undefined) request.seed = options.seed;
  if (options.abortSignal) request.signal = options.abortSignal;
  for (const name of ['topK', 'presencePenalty', 'frequencyPenalty'] as const) if (options[name] !== undefined) warnings.push(unsupported(name));
  if (options.reasoning !== undefined && options.reasoning !== 'provider-default') warnings.push(unsupported('reasoning', 'Set reasoning options per provider through providerOptions.switchyard.providerOptions.'));
  const headers = callerHeaders(options.headers);
  if (headers.length > 0) {
    warnings.push(unsupported('headers', `Switchyard sends each provider the headers of its config (providers.<id>.headers); per-call headers (${headers.join(', ')}) were not sent.`));
  }
  if (options.includeRawChunks) warnings.push(unsupported('includeRawChunks'));

  if (options.tools?.length) {
    const tools: ToolDefinition[] = [];
    for (const tool of options.tools) {
      if (tool.type === 'function') tools.push({ name: tool.name, parameters: tool.inputSchema as Record<string, unknown>, ...(tool.description ? { description: tool.description } : {}), ...(tool.strict !== undefined ? { strict: tool.strict } : {}) });
      else warnings.push(unsupported(`provider tool ${tool.id}`, 'Provider-defined tools are not routed; only function tools were sent.'));
    }
    if (tools.length > 0) request.tools = tools;
  }
  const choice = options.toolChoice;
  if (choice && request.tools) request.toolChoice = choice.type === 'tool' ? { name: choice.toolName } : choice.type;
  const format = options.responseFormat;
  if (format?.type === 'json') {
    request.responseFormat = { type: 'json', ...(format.schema ? { schema: format.schema as Record<string, unknown> } : {}), ...(format.name ? { name: format.name } : {}), ...(format.description ? { description: format.description } : {}) };
  }

  const own = options.providerOptions?.switchyard as SwitchyardCallOptions | undefined;
  if (own?.tags) request.tags = own.tags;
  if (own?.require) request.require = own.require;
  if (own?.timeoutMs !== undefined) request.timeoutMs = own.timeoutMs;
  if (own?.providerOptions) request.providerOptions = own.providerOptions;
  return { request, warnings };
}
