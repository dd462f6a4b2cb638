import { chunkText, expectedText, PROMPT_TOKENS } from '../bench-text.ts';
import { joinEvents, type FakeResponse } from './fake-response.ts';

const HEADERS = [
  'vary', 'Origin, X-Origin, Referer',
  'server', 'scaffolding on HTTPServer2',
  'x-xss-protection', '0',
  'x-frame-options', 'SAMEORIGIN',
  'x-content-type-options', 'nosniff',
  'alt-svc', 'h3=":443"; ma=2592000,h3-29=":443"; ma=2592000',
];
const CREATE_TIME = '2026-01-01T00:00:00.123456Z';

function usageMetadata(chunks: number) {
  return {
    promptTokenCount: PROMPT_TOKENS,
    candidatesTokenCount: chunks,
    totalTokenCount: PROMPT_TOKENS + chunks,
    trafficType: 'ON_DEMAND',
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: PROMPT_TOKENS }],
    candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: chunks }],
  };
}

/** A `generateContent` response whose text is `expectedText(chunks)`; `modelVersion` echoes the model in the path. */
export function buildVertexChat(model: string, chunks: number, serial: number): FakeResponse {
  const json = {
    candidates: [{ content: { role: 'model', parts: [{ text: expectedText(chunks) }] }, finishReason: 'STOP', avgLogprobs: -0.0712 }],
    usageMetadata: usageMetadata(chunks),
    modelVersion: model,
    createTime: CREATE_TIME,
    responseId: `bench${serial.toString(36)}Yh3kZ_MWiyAo`,
  };
  const body = Buffer.from(JSON.stringify(json));
  return { status: 200, headers: ['content-type', 'application/json; charset=UTF-8', 'content-length', String(body.length), ...HEADERS], body };
}

/**
 * A `streamGenerateContent` reply: with `alt=sse`, `data:` events separated by CRLF blank lines and no end sentinel;
 * without it, one JSON array. Intermediate chunks carry only `trafficType`; the last carries `finishReason` and the usage.
 */
export function buildVertexStream(model: string, chunks: number, sse: boolean, serial: number): FakeResponse {
  const responseId = `bench${serial.toString(36)}Stream_MWiyAo`;
  const payloads: string[] = [];
  for (let i = 0; i < chunks; i++) {
    const last = i === chunks - 1;
    const candidate: Record<string, unknown> = { content: { role: 'model', parts: [{ text: chunkText(i) }] } };
    if (last) candidate.finishReason = 'STOP';
    payloads.push(JSON.stringify({ candidates: [candidate], usageMetadata: last ? usageMetadata(chunks) : { trafficType: 'ON_DEMAND' }, modelVersion: model, createTime: CREATE_TIME, responseId }));
  }
  let events: Buffer[];
  if (sse) events = payloads.map((p) => Buffer.from(`data: ${p}\r\n\r\n`));
  else events = payloads.map((p, i) => Buffer.from(`${i === 0 ? '[' : ',\r\n'}${p}${i === payloads.length - 1 ? ']' : ''}`));
  const type = sse ? 'text/event-stream' : 'application/json; charset=UTF-8';
  return { status: 200, headers: ['content-type', type, ...HEADERS], body: joinEvents(events), events, leadEvents: 0 };
}

const STATUS_NAMES: Record<number, string> = { 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 404: 'NOT_FOUND', 401: 'UNAUTHENTICATED' };

/** An error in Google's `google.rpc.Status` envelope. */
export function buildVertexError(status: number, retryAfterS: number, message?: string): FakeResponse {
  const text =
    message ??
    (status === 429
      ? 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.'
      : status === 503
        ? 'The service is currently unavailable.'
        : 'Internal error encountered.');
  const error: Record<string, unknown> = { code: status, message: text, status: STATUS_NAMES[status] ?? 'UNKNOWN' };
  if (status === 429) error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterS}s` }];
  const body = Buffer.from(JSON.stringify({ error }));
  return { status, headers: ['content-type', 'application/json; charset=UTF-8', 'content-length', String(body.length), ...HEADERS], body };
}
