/**
 * The request features whose support depends on the Azure OpenAI api-version. Each is found in a
 * built Chat Completions or Embeddings body by `detectAzureRequestFeatures`.
 */
export type AzureFeatureId =
  | 'tools'
  | 'tool_choice.required'
  | 'seed'
  | 'image_input'
  | 'response_format.json_object'
  | 'response_format.json_schema'
  | 'tools.strict'
  | 'max_completion_tokens'
  | 'parallel_tool_calls'
  | 'stream_options.include_usage'
  | 'reasoning_effort'
  | 'developer_role'
  | 'embeddings.dimensions'
  | 'responses';

/** When a feature arrived in the dated api-versions, and how we know. */
export interface AzureApiVersionFeature {
  /** What the feature is, in words (used in error messages). */
  description: string;
  /** The first dated preview api-version that has it. Later previews have it too. */
  firstPreview: string;
  /** The first dated GA api-version that has it; undefined when no dated GA has it (use a preview or `v1`). */
  firstGA?: string;
  /**
   * Whether the v1 API (`v1`, `preview`: `/openai/v1/...`, no dated api-version) has it. Every feature here is on v1,
   * so v1 never warns about what the dated versions lack.
   */
  v1: boolean;
  /** Where the v1 fact comes from (same letters as `sources`). */
  v1Source: string;
  /**
   * True when both boundaries are read in the specs (or a spec and the changelog agree).
   * A request needing a confirmed feature the pinned version lacks fails before it is sent;
   * an unconfirmed one is sent with a warning instead.
   */
  confirmed: boolean;
  /**
   * Where each fact comes from. `S` = Azure/azure-rest-api-specs
   * `specification/cognitiveservices/data-plane/AzureOpenAI/inference/{stable,preview}/<version>/inference.json`
   * (commit in brackets); `D` = vendor documentation as summarised in the shared wire-format reference §1.2;
   * `unconfirmed` = not read in a primary source.
   */
  sources: readonly string[];
}

const V1_CHAT = 'S OpenAI.v1/azure-v1-v1-generated.yaml [31c65e1]: AzureCreateChatCompletionRequest';

/**
 * Which request features need which dated api-version (classic style), and the v1 API (`v1`, `preview`), which has
 * them all: read in `specification/ai/data-plane/OpenAI.v1/azure-v1-v1-generated.yaml` where the field is named
 * there, otherwise from Microsoft's v1 article (api-version-lifecycle: v1 serves the OpenAI client unchanged).
 * Checked against the specs on 2026-11-23. Preview versions before 2023-12-01-preview were not read (retired).
 */
export const AZURE_API_VERSION_FEATURES: Readonly<Record<AzureFeatureId, AzureApiVersionFeature>> = {
  tools: {
    description: 'function calling with `tools` / `tool_choice` and tool-result messages',
    firstPreview: '2023-12-01-preview',
    firstGA: '2024-02-01',
    v1: true,
    v1Source: `${V1_CHAT}.tools, tool_choice`,
    confirmed: true,
    sources: [
      'S preview/2023-12-01-preview [0ca0d58]: createChatCompletionRequest.tools, tool_choice; role enum includes tool',
      'S stable/2024-02-01 [3a8fb95]: tools, tool_choice, role tool',
      'S stable/2023-05-15 [7ede72e]: no tools; roles system, user, assistant only',
    ],
  },
  'tool_choice.required': {
    description: '`tool_choice: "required"` (the model must call some tool)',
    firstPreview: '2024-05-01-preview',
    firstGA: '2024-10-21',
    v1: true,
    v1Source: `${V1_CHAT}.tool_choice (OpenAI.ChatCompletionToolChoiceOption)`,
    confirmed: false,
    sources: [
      'S stable/2024-10-21 [132b90d]: chatCompletionToolChoiceOption enum none | auto | required',
      'unconfirmed: the first preview with `required`, and whether stable/2024-06-01 accepts it (not read)',
    ],
  },
  seed: {
    description: '`seed` for deterministic sampling',
    firstPreview: '2023-12-01-preview',
    firstGA: '2024-02-01',
    v1: true,
    v1Source: `${V1_CHAT}.seed`,
    confirmed: true,
    sources: ['S preview/2023-12-01-preview [0ca0d58]: seed', 'S stable/2024-02-01 [3a8fb95]: seed', 'S stable/2023-05-15 [7ede72e]: no seed'],
  },
  image_input: {
    description: 'image inputs (`image_url` content parts)',
    firstPreview: '2023-12-01-preview',
    firstGA: '2024-02-01',
    v1: true,
    v1Source: `${V1_CHAT}.messages (OpenAI.ChatCompletionRequestMessage; image parts not read field by field)`,
    confirmed: true,
    sources: [
      'S preview/2023-12-01-preview [0ca0d58]: chatCompletionRequestMessageContentPartType text | image_url',
      'S stable/2024-02-01 [3a8fb95]: content parts text | image_url',
      'S stable/2023-05-15 [7ede72e]: message content is a string only',
    ],
  },
  'response_format.json_object': {
    description: 'JSON mode (`response_format: { type: "json_object" }`)',
    firstPreview: '2023-12-01-preview',
    firstGA: '2024-02-01',
    v1: true,
    v1Source: `${V1_CHAT}.response_format: json_object`,
    confirmed: true,
    sources: ['S preview/2023-12-01-preview [0ca0d58]: chatCompletionResponseFormat text | json_object', 'S stable/2024-02-01 [3a8fb95]: same', 'S stable/2023-05-15 [7ede72e]: no response_format'],
  },
  'response_format.json_schema': {
    description: 'structured outputs (`response_format: { type: "json_schema" }`)',
    firstPreview: '2024-08-01-preview',
    firstGA: '2024-10-21',
    v1: true,
    v1Source: `${V1_CHAT}.response_format: json_schema (Structured Outputs)`,
    confirmed: true,
    sources: [
      'S preview/2024-08-01-preview [01fe14d]: response_format oneOf ResponseFormatText | JsonObject | JsonSchema',
      'S stable/2024-06-01 [b2f7419]: response_format text | json_object only',
      'S stable/2024-10-21 [132b90d]: ResponseFormatJsonSchema',
      'D 2024-08-01-preview added Structured Outputs',
    ],
  },
  'tools.strict': {
    description: 'strict function schemas (`tools[].function.strict`)',
    firstPreview: '2024-08-01-preview',
    firstGA: '2024-10-21',
    v1: true,
    v1Source: `${V1_CHAT}.tools (OpenAI.ChatCompletionTool; strict not read field by field)`,
    confirmed: false,
    sources: [
      'S stable/2024-10-21 [132b90d]: FunctionObject.strict',
      'unconfirmed: the preview boundary (assumed to arrive with Structured Outputs, D 2024-08-01-preview); stable/2024-06-01 not read for strict',
    ],
  },
  max_completion_tokens: {
    description: '`max_completion_tokens` (required by o-series reasoning models instead of `max_tokens`)',
    firstPreview: '2024-09-01-preview',
    firstGA: '2024-10-21',
    v1: true,
    v1Source: `${V1_CHAT}.max_completion_tokens`,
    confirmed: true,
    sources: [
      'S preview/2024-09-01-preview [0417949, 26d8183]: chatCompletionsRequestCommon.max_completion_tokens',
      'S preview/2024-08-01-preview [01fe14d]: max_tokens only',
      'S stable/2024-10-21 [132b90d]: chatCompletionsRequestCommon.max_completion_tokens',
    ],
  },
  parallel_tool_calls: {
    description: '`parallel_tool_calls`',
    firstPreview: '2024-09-01-preview',
    firstGA: '2024-10-21',
    v1: true,
    v1Source: `${V1_CHAT}.parallel_tool_calls`,
    confirmed: true,
    sources: [
      'S preview/2024-09-01-preview [26d8183]: parallel_tool_calls (an earlier snapshot [0417949] of the same file lacked it)',
      'S preview/2024-08-01-preview [01fe14d] and stable/2024-06-01 [b2f7419]: absent',
      'S stable/2024-10-21 [132b90d]: parallel_tool_calls',
      'D 2024-09-01-preview added parallel_tool_calls',
      'note: the stored preview/2024-10-01-preview snapshot [42f215a] lacks it, like the early 2024-09-01-preview one; treated as present',
    ],
  },
  'stream_options.include_usage': {
    description: 'usage in streams (`stream_options.include_usage`)',
    firstPreview: '2024-09-01-preview',
    v1: true,
    v1Source: `${V1_CHAT}.stream_options`,
    confirmed: true,
    sources: [
      'S preview/2024-09-01-preview [26d8183] and preview/2024-12-01-preview [219805c]: createChatCompletionRequest.stream_options',
      'S stable/2024-10-21 [132b90d]: chatCompletionStreamOptions is defined but the request does not reference it',
      'D 2024-09-01-preview added stream_options.include_usage',
      'unconfirmed: whether the 2024-10-21 service accepts it anyway; Switchyard follows the spec and does not send it there',
    ],
  },
  reasoning_effort: {
    description: '`reasoning_effort` for reasoning models',
    firstPreview: '2024-12-01-preview',
    v1: true,
    v1Source: `${V1_CHAT}.reasoning_effort`,
    confirmed: true,
    sources: [
      'S preview/2024-12-01-preview [219805c]: createChatCompletionRequest.reasoning_effort low | medium | high',
      'S preview/2024-10-01-preview [42f215a] and stable/2024-10-21 [132b90d]: absent',
    ],
  },
  developer_role: {
    description: 'the `developer` message role',
    firstPreview: '2024-12-01-preview',
    v1: true,
    v1Source: `${V1_CHAT}.messages (OpenAI.ChatCompletionRequestMessage); D v1 article's REST example sends role developer`,
    confirmed: true,
    sources: [
      'S preview/2024-12-01-preview [219805c]: ChatCompletionRequestDeveloperMessage in chatCompletionRequestMessage',
      'S stable/2024-10-21 [132b90d]: roles system, user, assistant, tool, function',
    ],
  },
  'embeddings.dimensions': {
    description: 'shortened embeddings (`dimensions`)',
    firstPreview: '2024-03-01-preview',
    firstGA: '2024-06-01',
    v1: true,
    v1Source: 'S OpenAI.v1/azure-v1-v1-generated.yaml [31c65e1]: AzureCreateEmbeddingRequest.dimensions',
    confirmed: false,
    sources: [
      'S stable/2024-06-01 [b2f7419] and stable/2024-10-21 [132b90d]: embeddings request has dimensions',
      'S stable/2023-05-15 [7ede72e]: absent',
      'D 2024-03-01-preview added encoding_format and dimensions; unconfirmed: stable/2024-02-01 not read',
    ],
  },
  responses: {
    description: 'the Responses API (`POST /responses`)',
    firstPreview: '2025-03-01-preview',
    v1: true,
    v1Source: 'S OpenAI.v1/azure-v1-v1-generated.yaml [31c65e1]: /responses, AzureCreateResponse (store, include reasoning.encrypted_content); D api-version-lifecycle: Responses is recommended for Azure OpenAI models on v1',
    confirmed: false,
    sources: [
      'D api-version-lifecycle changelog: 2025-03-01-preview added the Responses API; encrypted reasoning items arrived with the v1 preview, after 2025-04-01-preview',
      'unconfirmed: the dated preview specs were not read for /responses. Switchyard calls Responses on Azure only through the v1 API (its stateless mode needs encrypted reasoning items)',
    ],
  },
};
