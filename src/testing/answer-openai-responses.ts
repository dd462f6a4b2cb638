import { loadMsw } from './load-msw.ts';
import { eventStream, streamTiming, truncateJson } from './mock-responses.ts';
import { openAIResponsesErrorEvents, openAIResponsesEvents, openAIResponsesResponse, openAIResponsesStreamError } from './openai-responses-wire.ts';
import type { ScriptStep } from './script-step.ts';

/**
 * The answer of a mock `POST /responses` to one script step, for the steps a Responses call can get (the caller
 * handles `hang`, latency and HTTP errors): a response object, or with `stream: true` the typed event stream;
 * `cut` stops part-way without a terminal event (a reset connection for a non-streaming request), `malformed` sends
 * JSON cut off mid-object, and an `error` step with `inStream` fails inside a 200 stream.
 */
export function answerOpenAIResponses(step: ScriptStep, body: Record<string, any>, model: string, headers: Record<string, string>, signal: AbortSignal): Response {
  const { HttpResponse } = loadMsw();
  const echo = { body, model };
  const sse = { ...headers, 'content-type': 'text/event-stream; charset=utf-8' };
  if (step.type === 'error') {
    const events = openAIResponsesErrorEvents(echo, openAIResponsesStreamError(step.status, step.message, step.code));
    return new HttpResponse(eventStream(events, { signal }), { headers: sse });
  }
  if (step.type === 'malformed') {
    const whole = { type: 'text' as const, text: 'This reply is cut off.' };
    if (!body.stream) return new HttpResponse(truncateJson(openAIResponsesResponse(whole, echo)), { headers: { ...headers, 'content-type': 'application/json' } });
    const [created] = openAIResponsesEvents(whole, echo);
    const data = (created as string).slice((created as string).indexOf('data: ') + 6).trim();
    return new HttpResponse(eventStream([`event: response.created\ndata: ${truncateJson(JSON.parse(data))}\n\n`]), { headers: sse });
  }
  if (step.type === 'cut') {
    if (!body.stream) return HttpResponse.error() as unknown as Response;
    const events = openAIResponsesEvents({ type: 'text', text: step.text, chunks: step.chunks }, echo, { terminal: false });
    // Up to the last text delta: the message never finishes and no terminal event comes.
    const lastDelta = events.findLastIndex((e) => e.startsWith('event: response.output_text.delta'));
    return new HttpResponse(eventStream(events.slice(0, lastDelta + 1), { chunkDelayMs: step.chunkDelayMs, cut: true, signal }), { headers: sse });
  }
  if (step.type !== 'text' && step.type !== 'tool-calls') throw new Error(`a Responses mock cannot answer a ${step.type} step`);
  // The step's own headers (Azure's spillover headers, for example) are sent last, as on Chat Completions.
  const reply = step.headers ? { ...headers, ...step.headers } : headers;
  if (!body.stream) return HttpResponse.json(openAIResponsesResponse(step, echo), { headers: reply }) as unknown as Response;
  // `response.created`, `response.in_progress`, `output_item.added` and `content_part.added` come before the first text delta.
  return new HttpResponse(eventStream(openAIResponsesEvents(step, echo), streamTiming(step, signal, 4)), { headers: step.headers ? { ...sse, ...step.headers, 'content-type': sse['content-type'] } : sse });
}
