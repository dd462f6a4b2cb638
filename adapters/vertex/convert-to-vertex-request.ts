import { toJsonSchema } from '../../src/schema/to-json-schema.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Warning } from '../../src/types/warning.ts';
import { convertToVertexContents } from './convert-to-vertex-contents.ts';
import { convertToVertexSchema } from './convert-to-vertex-schema.ts';
import { convertToVertexThinking } from './convert-to-vertex-thinking.ts';
import type { VertexSignatureStore } from './vertex-signature-store.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Vertex request body and the warnings gathered while building it. */
export interface VertexRequestBody {
  body: Json;
  warnings: Warning[];
}

function parametersOf(schema: Json | undefined, path: string, warnings: Warning[]): Json | undefined {
  if (schema === undefined) return undefined;
  const converted = convertToVertexSchema(schema, path, warnings);
  // Vertex rejects an OBJECT without properties ("should be non-empty for OBJECT type"): a tool without arguments has no `parameters`.
  if (converted.type === 'OBJECT' && (!isObject(converted.properties) || Object.keys(converted.properties).length === 0) && converted.additionalProperties === undefined) return undefined;
  return converted;
}

/** Merges `extra` into `body`; objects present on both sides (`generationConfig`, `toolConfig`) are merged one level deep. */
function mergeProviderOptions(body: Json, extra: Json): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = body[key];
    body[key] = isObject(existing) && isObject(value) ? { ...existing, ...value } : value;
  }
}

/**
 * Builds a `GenerateContentRequest` body: `contents` and `systemInstruction` from the messages; `tools` as
 * `functionDeclarations` with schemas converted to Vertex's subset; `toolChoice` as `toolConfig.functionCallingConfig`
 * (`auto` → AUTO, `none` → NONE, `required` → ANY, `{ name }` → ANY with `allowedFunctionNames`); `responseFormat` as
 * `responseMimeType` and `responseSchema`; `maxTokens`, `temperature`, `topP`, `stop`, `seed` in `generationConfig`;
 * `reasoning` as `generationConfig.thinkingConfig` (see `convertToVertexThinking`).
 * `providerOptions.vertex` is merged last. Values pass through unchanged; what Vertex cannot carry becomes a warning.
 */
export function convertToVertexRequest(request: ChatRequest, options: { signatures: VertexSignatureStore; provider: string }): VertexRequestBody {
  const warnings: Warning[] = [];
  const { contents, systemInstruction } = convertToVertexContents(request.messages, { model: request.model, signatures: options.signatures, warnings, provider: options.provider });
  const body: Json = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;

  if (request.tools?.length) {
    const declarations = request.tools.map((tool) => {
      const declaration: Json = { name: tool.name };
      if (tool.description !== undefined) declaration.description = tool.description;
      const parameters = parametersOf(toJsonSchema(tool.parameters), `tools.${tool.name}.parameters`, warnings);
      if (parameters) declaration.parameters = parameters;
      if (tool.strict) warnings.push({ type: 'unsupported-setting', setting: `tools.${tool.name}.strict`, message: 'Vertex has no strict flag per tool; the schema is sent as a normal declaration.' });
      return declaration;
    });
    body.tools = [{ functionDeclarations: declarations }];
  }
  if (request.toolChoice !== undefined) {
    if (!request.tools?.length) {
      warnings.push({ type: 'unsupported-setting', setting: 'toolChoice', message: 'toolChoice was given without tools; it was not sent.' });
    } else {
      const choice = request.toolChoice;
      const config: Json = choice === 'auto' ? { mode: 'AUTO' } : choice === 'none' ? { mode: 'NONE' } : choice === 'required' ? { mode: 'ANY' } : { mode: 'ANY', allowedFunctionNames: [choice.name] };
      body.toolConfig = { functionCallingConfig: config };
    }
  }

  const generationConfig: Json = {};
  if (request.maxTokens !== undefined) generationConfig.maxOutputTokens = request.maxTokens;
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.topP !== undefined) generationConfig.topP = request.topP;
  if (request.stop !== undefined) generationConfig.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed !== undefined) generationConfig.seed = request.seed;
  const format = request.responseFormat;
  if (format?.type === 'json') {
    generationConfig.responseMimeType = 'application/json';
    const schema = toJsonSchema(format.schema);
    if (schema) {
      const converted = convertToVertexSchema(schema, 'responseFormat.schema', warnings);
      if (format.description !== undefined && converted.description === undefined) converted.description = format.description;
      generationConfig.responseSchema = converted;
    }
  }
  if (request.reasoning !== undefined) {
    const thinkingConfig = convertToVertexThinking(request.reasoning, request.model, options.provider, warnings);
    if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;
  }
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;

  const extra = request.providerOptions?.vertex;
  if (extra) mergeProviderOptions(body, extra);
  return { body, warnings };
}
