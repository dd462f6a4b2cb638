/**
 * The fields of Vertex AI's `GenerateContentResponse` (and its stream chunks) that Switchyard reads.
 * Lenient on purpose: everything else is ignored, so new fields never break parsing.
 */

/** One `PartialArg` of a function call whose arguments are streamed in pieces. */
export interface VertexPartialArg {
  /** An RFC 9535 JSON path such as `$.recipe.steps[9]`. */
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: string;
  /** More pieces for the same path follow. */
  willContinue?: boolean;
}

/** A `FunctionCall` as Vertex sends it (no `id` in v1; `partialArgs`/`willContinue` when arguments are streamed). */
export interface VertexFunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
  partialArgs?: VertexPartialArg[];
  willContinue?: boolean;
}

/** One `Part` of a candidate's content. */
export interface VertexPart {
  text?: string;
  /** A thought summary (only with `includeThoughts`): never part of the answer's text. */
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: VertexFunctionCall;
}

/** One safety rating of a candidate or a prompt. */
export interface VertexSafetyRating {
  category?: string;
  probability?: string;
  severity?: string;
  blocked?: boolean;
}

/** `usageMetadata`: on streams a running total; intermediate chunks may carry only `trafficType`. */
export interface VertexUsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  trafficType?: string;
}

/** A `GenerateContentResponse`, whole or one stream chunk. */
export interface VertexGenerateContentResponse {
  candidates?: Array<{
    index?: number;
    content?: { role?: string; parts?: VertexPart[] };
    finishReason?: string;
    finishMessage?: string;
    safetyRatings?: VertexSafetyRating[];
  }>;
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string; safetyRatings?: VertexSafetyRating[] };
  usageMetadata?: VertexUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  createTime?: string;
  /** An error object sent inside a 200 stream. */
  error?: unknown;
}
