import type { ServedCapacity } from '../../types/served-capacity.ts';
import type { ResponsesEcho } from './map-responses-request.ts';
import type { ResponsesItem } from './responses-items.ts';

/** What every response object of one request shares. */
export interface ResponseBase {
  /** `resp_…`. */
  id: string;
  /** `created_at`, seconds since the epoch. */
  createdAt: number;
  echo: ResponsesEcho;
  /** Reasoning items carry the reasoning state (`include: ["reasoning.encrypted_content"]`). */
  includeReasoningState: boolean;
  /** Item ids: `${kind}_${itemPrefix}${n}`. */
  itemPrefix: string;
}

/** What differs between the response objects of one request (in progress, completed, failed). */
export interface ResponseState {
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  model: string;
  output: ResponsesItem[];
  usage?: Record<string, unknown> | null;
  incomplete_details?: { reason: string } | null;
  error?: { code: string; message: string } | null;
  capacity?: ServedCapacity | undefined;
  /** `completed_at`, seconds since the epoch. */
  completedAt?: number;
}

const OPENAI_TIERS = new Set(['default', 'flex', 'priority', 'scale']);

/**
 * A Responses `response` object, as OpenAI sends it (the body of `POST /v1/responses`, and the `response` of the
 * stream's lifecycle events): the request's settings echoed, `store: false` (the gateway keeps nothing), `model`
 * the served model, `service_tier` the tier that served when the provider named one of OpenAI's.
 */
export function responsesObject(base: ResponseBase, state: ResponseState): Record<string, unknown> {
  const echo = base.echo;
  const tier = state.capacity?.raw;
  const out: Record<string, unknown> = {
    id: base.id,
    object: 'response',
    created_at: base.createdAt,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.incomplete_details ?? null,
    instructions: echo.instructions,
    max_output_tokens: echo.max_output_tokens,
    max_tool_calls: null,
    model: state.model,
    output: state.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: echo.prompt_cache_key,
    reasoning: echo.reasoning,
    safety_identifier: echo.safety_identifier,
    service_tier: tier !== undefined && OPENAI_TIERS.has(tier) ? tier : null,
    store: false,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.tool_choice,
    tools: echo.tools,
    top_logprobs: 0,
    top_p: echo.top_p,
    truncation: 'disabled',
    usage: state.usage ?? null,
    user: echo.user,
    metadata: echo.metadata,
  };
  if (state.completedAt !== undefined) out.completed_at = state.completedAt;
  return out;
}
