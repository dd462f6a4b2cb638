import { toJsonSchema } from '../../src/schema/to-json-schema.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import { convertToOpenAIMessages } from './convert-to-openai-messages.ts';

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
  /** Send `request.serviceTier` as `service_tier`. @default false */
  serviceTier?: boolean;
}

/** Builds a Chat Completions request body. Values pass through unchanged: nothing is clamped or dropped silently. */
export function convertToOpenAIChatBody(request: ChatRequest, options: OpenAIChatBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.model !== undefined) body.model = options.model;
  body.messages = convertToOpenAIMessages(request.messages);
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
  if (options.serviceTier && request.serviceTier !== undefined) body.service_tier = request.serviceTier;
  if (options.stream) {
    body.stream = true;
    if (options.streamUsage) body.stream_options = { include_usage: true };
  }
  const extra = request.providerOptions?.[options.providerOptionsKey];
  if (extra) Object.assign(body, extra);
  return body;
}
