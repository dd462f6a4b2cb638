import type { OpenAIOperation } from '../openai-compatible/openai-compatible-config.ts';
import type { AzureFeatureId } from './azure-api-version-features.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function messageFeatures(messages: unknown[], found: Set<AzureFeatureId>): void {
  for (const m of messages) {
    if (!isObject(m)) continue;
    if (m.role === 'developer') found.add('developer_role');
    if (m.role === 'tool' || (Array.isArray(m.tool_calls) && m.tool_calls.length > 0)) found.add('tools');
    if (Array.isArray(m.content) && m.content.some((p) => isObject(p) && p.type === 'image_url')) found.add('image_input');
  }
}

/**
 * The version-dependent features a built request body uses (after `providerOptions` were merged in),
 * in table order. Chat: tools, tool_choice `required`, seed, images, response formats, strict tools,
 * `max_completion_tokens`, `parallel_tool_calls`, `stream_options`, `reasoning_effort`, the `developer` role.
 * Embeddings: `dimensions`. Responses: the Responses API itself.
 */
export function detectAzureRequestFeatures(body: Json, operation: OpenAIOperation): AzureFeatureId[] {
  const found = new Set<AzureFeatureId>();
  if (operation === 'responses') return ['responses'];
  if (operation === 'embeddings') {
    if (body.dimensions !== undefined) found.add('embeddings.dimensions');
    return [...found];
  }
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length > 0 || body.tool_choice !== undefined) found.add('tools');
  if (body.tool_choice === 'required') found.add('tool_choice.required');
  if (body.seed !== undefined) found.add('seed');
  if (Array.isArray(body.messages)) messageFeatures(body.messages, found);
  const format = isObject(body.response_format) ? body.response_format.type : undefined;
  if (format === 'json_object') found.add('response_format.json_object');
  if (format === 'json_schema') found.add('response_format.json_schema');
  if (tools.some((t) => isObject(t) && isObject(t.function) && t.function.strict !== undefined)) found.add('tools.strict');
  if (body.max_completion_tokens !== undefined) found.add('max_completion_tokens');
  if (body.parallel_tool_calls !== undefined) found.add('parallel_tool_calls');
  if (body.stream_options !== undefined) found.add('stream_options.include_usage');
  if (body.reasoning_effort !== undefined) found.add('reasoning_effort');
  return [...found];
}
