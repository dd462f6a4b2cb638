import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ReasoningSettings } from '../types/reasoning-settings.ts';
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
  require?: { tags?: string[] | undefined } | undefined;
  /** Bounds the whole call (all attempts), in ms. */
  timeoutMs?: number | undefined;
  /** Raw fields merged into a provider's request body, by provider type (`{ openai: { service_tier: 'flex' } }`). */
  providerOptions?: Record<string, Record<string, unknown>> | undefined;
  /**
   * Reasoning settings beyond the AI SDK's `reasoning` effort, merged over it: `budgetTokens`, and `summary` to get the
   * model's reasoning text back as reasoning parts.
   * @example providerOptions: { switchyard: { reasoning: { summary: true, budgetTokens: 4096 } } }
   */
  reasoning?: ReasoningSettings | undefined;
  /** Sent as OpenAI and Azure `prompt_cache_key`; see `ChatRequest.cacheKey`. */
  cacheKey?: string | undefined;
}

const unsupported = (feature: string, details?: string): SharedV4Warning => ({ type: 'unsupported', feature, ...(details ? { details } : {}) });

/**
 * Converts AI SDK call options to a Switchyard chat request for `model`, with a warning for each setting it drops.
 * AI SDK 7's `reasoning` effort becomes `request.reasoning.effort` (`provider-default` sends none; `max` is `xhigh`).
 */
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
  if (options.reasoning !== undefined && options.reasoning !== 'provider-default') {
    // Switchyard's efforts stop at xhigh: AI SDK 7's `max` asks for the most, which is xhigh.
    request.reasoning = { effort: options.reasoning === 'max' ? 'xhigh' : options.reasoning };
    if (options.reasoning === 'max') warnings.push({ type: 'compatibility', feature: 'reasoning', details: 'reasoning "max" was sent as "xhigh", the highest effort Switchyard maps for every provider.' });
  }
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
  if (own?.reasoning) request.reasoning = { ...request.reasoning, ...own.reasoning };
  if (own?.cacheKey !== undefined) request.cacheKey = own.cacheKey;
  return { request, warnings };
}
