import type { FunctionTool, ResponseCreateParamsBase, ResponseTextConfig } from 'openai/resources/responses/responses';
import { toJsonSchema } from '../../src/schema/to-json-schema.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Warning } from '../../src/types/warning.ts';
import { applyOpenAIResponsesReasoning } from './apply-openai-responses-reasoning.ts';
import { convertToOpenAIResponsesInput } from './convert-to-openai-responses-input.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

/** Options for building a Responses body. */
export interface OpenAIResponsesBodyOptions {
  /** The body's `model` (OpenAI: the model id; Azure v1: the deployment; OCI: the model id). */
  model: string | undefined;
  /** Whether to stream. */
  stream: boolean;
  /** The key of `request.providerOptions` whose fields are merged in last (`store: true`, `truncation`, …). */
  providerOptionsKey: string;
  /** The provider's id: reasoning state is sent back only when it carries this id. */
  provider: string;
  /** How the model takes `request.reasoning` (its efforts), called only for requests with reasoning settings. @default every effort sent as asked */
  reasoning?: ((model: string) => OpenAIChatReasoning) | undefined;
  /** Send `request.cacheKey` as `prompt_cache_key`; else it is ignored without a warning. @default true */
  promptCacheKey?: boolean | undefined;
}

/** A Responses request body, typed after the `openai` package's `ResponseCreateParams` (generated from OpenAI's spec). */
export type OpenAIResponsesBody = ResponseCreateParamsBase & Record<string, unknown>;

/** What `convertToOpenAIResponsesBody` returns. */
export interface OpenAIResponsesBodyResult {
  body: OpenAIResponsesBody;
  /** Settings the Responses API has no field for, and reasoning state that was dropped. */
  warnings: Warning[];
}

/**
 * Builds a `POST /responses` body from a `ChatRequest` (OpenAI API reference, "Create a model response"):
 * `instructions` and `input` items, function `tools` (flat: `{ type, name, parameters, strict }`), `tool_choice`,
 * `text.format` for JSON output, `max_output_tokens`, `temperature`, `top_p`, `reasoning: { effort, summary }`,
 * `prompt_cache_key`, `service_tier`, and `store: false` with `include: ['reasoning.encrypted_content']` so that
 * reasoning survives between turns without server-side state. `stop` and `seed` have no Responses field: they are
 * not sent, each with a warning; so is `reasoning.budgetTokens` (Responses takes an effort). The effort is checked
 * against the model's efforts (`options.reasoning`, see `applyOpenAIResponsesReasoning`); other values pass through
 * unchanged; `providerOptions[type]` is merged last (for example `{ store: true }`).
 */
export function convertToOpenAIResponsesBody(request: ChatRequest, options: OpenAIResponsesBodyOptions): OpenAIResponsesBodyResult {
  const { instructions, input, warnings } = convertToOpenAIResponsesInput(request.messages, options.provider);
  const body: OpenAIResponsesBody = {};
  if (options.model !== undefined) body.model = options.model;
  if (instructions !== undefined) body.instructions = instructions;
  body.input = input;
  if (request.maxTokens !== undefined) body.max_output_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) warnings.push({ type: 'unsupported-setting', setting: 'stop', message: `${options.provider}: the Responses API has no stop sequences; stop was not sent.` });
  if (request.seed !== undefined) warnings.push({ type: 'unsupported-setting', setting: 'seed', message: `${options.provider}: the Responses API has no seed; seed was not sent.` });
  if (request.tools?.length) {
    body.tools = request.tools.map((t): FunctionTool => {
      const tool: FunctionTool = { type: 'function', name: t.name, parameters: (toJsonSchema(t.parameters) as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} }, strict: t.strict ?? false };
      if (t.description !== undefined) tool.description = t.description;
      return tool;
    });
  }
  if (request.toolChoice !== undefined) body.tool_choice = typeof request.toolChoice === 'string' ? request.toolChoice : { type: 'function', name: request.toolChoice.name };
  const format = request.responseFormat;
  if (format?.type === 'json') {
    let text: ResponseTextConfig;
    if (format.schema === undefined) text = { format: { type: 'json_object' } };
    else {
      const jsonSchema: NonNullable<ResponseTextConfig['format']> = { type: 'json_schema', name: format.name ?? 'response', schema: toJsonSchema(format.schema) as Record<string, unknown> };
      if (format.description !== undefined) jsonSchema.description = format.description;
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      text = { format: jsonSchema };
    }
    body.text = text;
  }
  if (request.reasoning) {
    const reasoning = applyOpenAIResponsesReasoning(request.reasoning, options.reasoning?.(request.model), { provider: options.provider, model: request.model, warnings });
    if (reasoning) body.reasoning = reasoning;
  }
  if (request.cacheKey !== undefined && options.promptCacheKey !== false) body.prompt_cache_key = request.cacheKey;
  if (request.serviceTier !== undefined) body.service_tier = request.serviceTier;
  // Stateless by default: nothing is kept by the provider, and reasoning comes back encrypted for the next turn.
  body.store = false;
  body.include = ['reasoning.encrypted_content'];
  if (options.stream) body.stream = true;
  const extra = request.providerOptions?.[options.providerOptionsKey];
  if (extra) Object.assign(body, extra);
  return { body, warnings };
}
