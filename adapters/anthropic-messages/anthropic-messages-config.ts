import type { HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';

/** The context of one request: `secrets` receives the credentials used, so that errors can scrub them. */
export type AnthropicRequestContext = RequestContext & { secrets: string[] };

/**
 * What a platform tells the Messages base: how to reach it and what it adds to the wire. The base knows the format;
 * the platform (Vertex AI today) knows URLs, credentials and hosts.
 */
export interface AnthropicMessagesConfig {
  /** The provider's id, in results, errors, the ledger and the reasoning state's `provider` tag. */
  id: string;
  /**
   * POSTs a body for a model and returns the response; HTTP errors are thrown typed (`mapHttpError`), after any
   * credential renewal the platform does. `stream` asks for the streaming method; `request` is the request the body
   * was built from, for headers the platform derives from it (Vertex's capacity `requestType`).
   */
  send(model: string, body: string, stream: boolean, ctx: AnthropicRequestContext, request: ChatRequest): Promise<HttpResponse>;
  /** Fields every body carries, such as Vertex's `anthropic_version`. */
  bodyFields: Record<string, unknown>;
  /** Whether `model` is in the body (the Claude API) or only in the URL (Vertex). */
  modelInBody: boolean;
  /** Structured output through a forced tool, or `output_config.format` where the model has it. @default 'tool' */
  structuredOutput?: 'tool' | 'native' | undefined;
  /** `max_tokens` for requests without `maxTokens`, instead of the model's maximum output. */
  defaultMaxTokens?: number | undefined;
  /** The API version in `bodyFields` removes `temperature`, `top_p` and `top_k` (2026-10-21 and later). */
  samplingRemoved: boolean;
}
