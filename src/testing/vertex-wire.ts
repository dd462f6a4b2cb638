import { countWords, splitText } from './mock-responses.ts';
import type { ScriptStep, ScriptUsage } from './script-step.ts';

type TextStep = Extract<ScriptStep, { type: 'text' }>;
type ToolStep = Extract<ScriptStep, { type: 'tool-calls' }>;

let counter = 0;
/** A Vertex-like `responseId`: 23 characters of base64url, such as `tjXVaYaxFISTq8YP_MWiyAo`. */
export function vertexResponseId(): string {
  counter++;
  const seed = `${Date.now().toString(36)}${counter.toString(36).padStart(5, '0')}`;
  return Buffer.from(seed).toString('base64url').padEnd(23, 'A').slice(0, 23);
}

/** A `createTime` with microseconds, as Vertex sends it. */
export function vertexCreateTime(): string {
  return new Date().toISOString().replace('Z', '123Z');
}

/**
 * The `usageMetadata` for a step. `outputTokens` includes reasoning (Switchyard's rule), so Vertex's split is
 * `candidatesTokenCount = outputTokens - reasoningTokens`, `thoughtsTokenCount = reasoningTokens`.
 */
export function vertexUsage(usage: ScriptUsage | undefined, text: string, trafficType = 'ON_DEMAND'): Record<string, unknown> {
  const prompt = usage?.inputTokens ?? 12;
  const output = usage?.outputTokens ?? countWords(text);
  const thoughts = usage?.reasoningTokens ?? 0;
  const cached = usage?.cachedInputTokens ?? 0;
  const out: Record<string, unknown> = {
    promptTokenCount: prompt,
    candidatesTokenCount: output - thoughts,
    totalTokenCount: prompt + output,
    trafficType,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
    candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: output - thoughts }],
  };
  if (cached) {
    out.cachedContentTokenCount = cached;
    out.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: cached }];
  }
  if (thoughts) out.thoughtsTokenCount = thoughts;
  return out;
}

const FINISH = { stop: 'STOP', length: 'MAX_TOKENS', 'content-filter': 'SAFETY' } as const;
const RATINGS = ['HARM_CATEGORY_HATE_SPEECH', 'HARM_CATEGORY_DANGEROUS_CONTENT', 'HARM_CATEGORY_HARASSMENT', 'HARM_CATEGORY_SEXUALLY_EXPLICIT'];

function safetyRatings(blocked: boolean) {
  return RATINGS.map((category) =>
    blocked && category === 'HARM_CATEGORY_DANGEROUS_CONTENT'
      ? { category, probability: 'HIGH', probabilityScore: 0.93, severity: 'HARM_SEVERITY_HIGH', severityScore: 0.88, blocked: true }
      : { category, probability: 'NEGLIGIBLE', probabilityScore: 0.04, severity: 'HARM_SEVERITY_NEGLIGIBLE', severityScore: 0.02 },
  );
}

/** What every response and chunk repeats. */
export interface VertexResponseMeta {
  modelVersion: string;
  responseId: string;
  createTime: string;
}

/** A `functionCall` part; the first call of a response carries a `thoughtSignature`, as Gemini 2.5+ sends it. */
function callPart(call: ToolStep['calls'][number], index: number): Record<string, unknown> {
  const part: Record<string, unknown> = { functionCall: { name: call.name, args: call.arguments } };
  if (index === 0) part.thoughtSignature = 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=';
  return part;
}

/** A whole `GenerateContentResponse` for a text or tool-calls step. */
export function vertexGenerateContentResponse(step: TextStep | ToolStep, meta: VertexResponseMeta): Record<string, unknown> {
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  const parts: Record<string, unknown>[] = [];
  if (text) parts.push({ text });
  if (step.type === 'tool-calls') step.calls.forEach((call, i) => parts.push(callPart(call, i)));
  const reason = step.type === 'tool-calls' ? 'STOP' : FINISH[step.finishReason ?? 'stop'];
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: reason, safetyRatings: safetyRatings(reason === 'SAFETY'), avgLogprobs: -0.1243 }],
    usageMetadata: vertexUsage(step.usage, text, step.trafficType),
    ...meta,
  };
}

/**
 * The chunks of a streamed reply, as Vertex sends them: every chunk repeats `modelVersion`, `responseId` and
 * `createTime`; intermediate chunks carry `usageMetadata` with only `trafficType`; the last chunk has the
 * `finishReason` and the full usage. Tool calls arrive whole, one chunk each, or, with `streamArguments`
 * (`streamFunctionCallArguments` in the request), as `partialArgs` pieces ending with an empty `functionCall`.
 * With `cut`, the chunks stop before the one with the `finishReason`.
 */
export function vertexStreamChunks(step: TextStep | ToolStep, meta: VertexResponseMeta, options: { streamArguments?: boolean; cut?: boolean } = {}): object[] {
  const running = { trafficType: step.trafficType ?? 'ON_DEMAND' };
  const chunk = (parts: Record<string, unknown>[]) => ({ candidates: [{ content: { role: 'model', parts } }], usageMetadata: running, ...meta });
  const out: object[] = [];
  const text = step.type === 'text' ? step.text : (step.text ?? '');
  if (text) for (const piece of splitText(text, step.type === 'text' ? (step.chunks ?? 4) : 2)) out.push(chunk([{ text: piece }]));
  if (step.type === 'tool-calls') {
    step.calls.forEach((call, i) => {
      if (!options.streamArguments) return void out.push(chunk([callPart(call, i)]));
      const first: Record<string, unknown> = { functionCall: { name: call.name, willContinue: true } };
      if (i === 0) first.thoughtSignature = (callPart(call, 0) as { thoughtSignature: string }).thoughtSignature;
      out.push(chunk([first]));
      for (const [key, value] of Object.entries((call.arguments ?? {}) as Record<string, unknown>)) {
        const jsonPath = `$.${key}`;
        if (typeof value === 'string') {
          for (const piece of splitText(value, 2)) out.push(chunk([{ functionCall: { partialArgs: [{ jsonPath, stringValue: piece, willContinue: true }], willContinue: true } }]));
          out.push(chunk([{ functionCall: { partialArgs: [{ jsonPath, stringValue: '' }], willContinue: true } }]));
        } else if (typeof value === 'number') out.push(chunk([{ functionCall: { partialArgs: [{ jsonPath, numberValue: value }], willContinue: true } }]));
        else if (typeof value === 'boolean') out.push(chunk([{ functionCall: { partialArgs: [{ jsonPath, boolValue: value }], willContinue: true } }]));
        else out.push(chunk([{ functionCall: { partialArgs: [{ jsonPath, nullValue: 'NULL_VALUE' }], willContinue: true } }]));
      }
      out.push(chunk([{ functionCall: {} }]));
    });
  }
  if (options.cut) return out;
  const reason = step.type === 'tool-calls' ? 'STOP' : FINISH[step.finishReason ?? 'stop'];
  out.push({
    candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: reason, safetyRatings: safetyRatings(reason === 'SAFETY') }],
    usageMetadata: vertexUsage(step.usage, text, step.trafficType),
    ...meta,
  });
  return out;
}

const RPC_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED', 429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };

/**
 * A google.rpc.Status error body: `{ error: { code, message, status, details } }`, with Vertex's own messages.
 * A 429 carries `RetryInfo.retryDelay` when `retryAfterMs` is given; a 401 an `ErrorInfo`.
 */
export function vertexErrorBody(status: number, options: { message?: string; code?: string; retryAfterMs?: number; resource?: string } = {}): Record<string, unknown> {
  const resource = options.resource ?? 'projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.0-flash-001';
  const defaults: Record<number, string> = {
    400: 'Request contains an invalid argument.',
    401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    403: `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`,
    404: `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
    429: 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.',
    500: 'Internal error encountered.',
    503: 'The service is currently unavailable.',
  };
  const details: object[] = [];
  if (status === 401) details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED', metadata: { service: 'aiplatform.googleapis.com', method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent' } });
  if (status === 403) details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED', domain: 'aiplatform.googleapis.com', metadata: { permission: 'aiplatform.endpoints.predict', resource } });
  if (options.retryAfterMs !== undefined) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${options.retryAfterMs / 1000}s` });
  const error: Record<string, unknown> = { code: status, message: options.message ?? defaults[status] ?? `Error ${status}`, status: options.code ?? RPC_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION') };
  if (details.length > 0) error.details = details;
  return { error };
}

/** A `:predict` response for text embedding models, with per-instance `statistics`. */
export function vertexPredictEmbeddings(vectors: number[][], tokenCounts: number[]): Record<string, unknown> {
  return {
    predictions: vectors.map((values, i) => ({ embeddings: { statistics: { truncated: false, token_count: tokenCounts[i] ?? 0 }, values } })),
    metadata: { billableCharacterCount: tokenCounts.reduce((a, b) => a + b, 0) * 4 },
  };
}

/** An `:embedContent` response for `gemini-embedding-*` models. */
export function vertexEmbedContent(values: number[], tokens: number): Record<string, unknown> {
  return { embedding: { values }, usageMetadata: { promptTokenCount: tokens, totalTokenCount: tokens } };
}
