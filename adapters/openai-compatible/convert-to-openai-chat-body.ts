import { toJsonSchema } from '../../src/schema/to-json-schema.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Warning } from '../../src/types/warning.ts';
import { applyOpenAIChatReasoning } from './apply-openai-chat-reasoning.ts';
import { convertToOpenAIMessages } from './convert-to-openai-messages.ts';
import type { OpenAIChatDocuments } from './openai-chat-documents.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

/** Options for building a Chat Completions body. */
export interface OpenAIChatBodyOptions {
  /** The body's `model` (undefined omits it: Azure classic puts the deployment in the path). */
  model: string | undefined;
  /** Whether to stream. */
  stream: boolean;
  /** Ask for usage in the stream. */
  streamUsage: boolean;
  /** The field for `maxTokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** The key of `request.providerOptions` whose fields are merged in last. */
  providerOptionsKey: string;
  /** The provider's id, for errors and warnings. @default the `providerOptionsKey` */
  provider?: string | undefined;
  /** Where to add warnings for settings that were not sent as asked. @default a new array (warnings discarded) */
  warnings?: Warning[] | undefined;
  /** How the model takes `request.reasoning`: a rule, or a function of the model called only when a request has reasoning settings. @default `reasoning_effort` sent as asked */
  reasoning?: (OpenAIChatReasoning | ((model: string) => OpenAIChatReasoning)) | undefined;
  /** How user `file` parts are sent. @default not at all (`UnsupportedFeatureError`) */
  documents?: OpenAIChatDocuments | undefined;
  /** Send `request.cacheKey` as `prompt_cache_key` (OpenAI, Azure); else it is ignored without a warning. @default false */
  promptCacheKey?: boolean | undefined;
  /** The assistant message field that carries earlier reasoning text back (vLLM `reasoning`). @default none */
  reasoningReplayField?: string | undefined;
  /** Send `request.serviceTier` as `service_tier`. @default false */
  serviceTier?: boolean | undefined;
}

const PASS_THROUGH: OpenAIChatReasoning = { style: 'reasoning_effort' };
const NO_DOCUMENTS: OpenAIChatDocuments = { style: 'unsupported', reason: 'this server takes no document parts on Chat Completions' };

/**
 * Builds a Chat Completions request body. Values pass through unchanged: nothing is clamped or dropped silently.
 * `reasoning` is mapped as `options.reasoning` says, documents as `options.documents` says, `cacheKey` becomes
 * `prompt_cache_key` where `options.promptCacheKey` is set; what cannot be sent is a warning or an
 * `UnsupportedFeatureError`, never a silent drop.
 */
export function convertToOpenAIChatBody(request: ChatRequest, options: OpenAIChatBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const provider = options.provider ?? options.providerOptionsKey;
  const warnings = options.warnings ?? [];
  if (options.model !== undefined) body.model = options.model;
  body.messages = convertToOpenAIMessages(request.messages, { provider, documents: options.documents ?? NO_DOCUMENTS, reasoningReplayField: options.reasoningReplayField, warnings });
  if (request.maxTokens !== undefined) body[options.maxTokensField] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => {
      const fn: Record<string, unknown> = { name: t.name };
      if (t.description !== undefined) fn.description = t.description;
      fn.parameters = toJsonSchema(t.parameters) ?? { type: 'object', properties: {} };
      if (t.strict !== undefined) fn.strict = t.strict;
      return { type: 'function', function: fn };
    });
  }
  if (request.toolChoice !== undefined) {
    body.tool_choice = typeof request.toolChoice === 'string' ? request.toolChoice : { type: 'function', function: { name: request.toolChoice.name } };
  }
  const format = request.responseFormat;
  if (format?.type === 'json') {
    if (format.schema === undefined) body.response_format = { type: 'json_object' };
    else {
      const jsonSchema: Record<string, unknown> = { name: format.name ?? 'response', schema: toJsonSchema(format.schema) };
      if (format.description !== undefined) jsonSchema.description = format.description;
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      body.response_format = { type: 'json_schema', json_schema: jsonSchema };
    }
  }
  if (request.reasoning !== undefined) {
    const rule = typeof options.reasoning === 'function' ? options.reasoning(request.model) : (options.reasoning ?? PASS_THROUGH);
    applyOpenAIChatReasoning(body, request.reasoning, rule, { provider, model: request.model, warnings });
  }
  if (request.cacheKey !== undefined && options.promptCacheKey) body.prompt_cache_key = request.cacheKey;
  if (options.serviceTier && request.serviceTier !== undefined) body.service_tier = request.serviceTier;
  if (options.stream) {
    body.stream = true;
    if (options.streamUsage) body.stream_options = { include_usage: true };
  }
  const extra = request.providerOptions?.[options.providerOptionsKey];
  if (extra) Object.assign(body, extra);
  return body;
}
