import { openAIChatChunks, openAIChatCompletion } from './openai-wire.ts';
import type { ScriptStep } from './script-step.ts';

type TextStep = Extract<ScriptStep, { type: 'text' }>;
type ToolStep = Extract<ScriptStep, { type: 'tool-calls' }>;
type Json = Record<string, any>;

const SEVERITY_CATEGORIES = ['hate', 'self_harm', 'sexual', 'violence'] as const;

function filterResults(detectedCategories: readonly string[], fired: readonly string[]): Json {
  const results: Json = {};
  for (const category of SEVERITY_CATEGORIES) results[category] = fired.includes(category) ? { filtered: true, severity: 'medium' } : { filtered: false, severity: 'safe' };
  for (const category of detectedCategories) results[category] = fired.includes(category) ? { filtered: true, detected: true } : { filtered: false, detected: false };
  return results;
}

/** Azure's prompt-side filter results (with `jailbreak`); the `fired` categories are filtered. */
export function azurePromptFilterResult(fired: readonly string[] = []): Json {
  return filterResults(['jailbreak'], fired);
}

/** Azure's top-level `prompt_filter_results`: nothing filtered. */
export function azurePromptFilterResults() {
  return [{ prompt_index: 0, content_filter_results: azurePromptFilterResult() }];
}

/** Azure's per-choice (completion-side) content filter results; the `fired` categories are filtered at severity `medium`. */
export function azureContentFilterResults(fired: readonly string[] = []): Json {
  return filterResults(['protected_material_code', 'protected_material_text'], fired);
}

/** A non-streaming Azure `chat.completion`: the OpenAI body plus `prompt_filter_results` and per-choice `content_filter_results`. */
export function azureChatCompletion(step: TextStep | ToolStep, model: string, fired: readonly string[]) {
  const body: Json = openAIChatCompletion(step, model);
  const filtered = step.type === 'text' && step.finishReason === 'content-filter';
  body.prompt_filter_results = azurePromptFilterResults();
  for (const choice of body.choices) choice.content_filter_results = azureContentFilterResults(filtered ? fired : []);
  return body;
}

/**
 * The `data:` payloads of an Azure stream, without `[DONE]`: first a chunk with `prompt_filter_results`,
 * an empty `id`, `model` and `object` and no choices; then the OpenAI chunks with `content_filter_results`
 * per choice (empty on the role chunk, the fired categories on a `content_filter` finish); then usage when asked.
 */
export function azureChatChunks(step: TextStep | ToolStep, model: string, includeUsage: boolean, fired: readonly string[]): object[] {
  const chunks = openAIChatChunks(step, model, includeUsage) as Json[];
  const filtered = step.type === 'text' && step.finishReason === 'content-filter';
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Json;
    for (const choice of chunk.choices) {
      const isFinish = choice.finish_reason !== null;
      choice.content_filter_results = i === 0 ? {} : isFinish ? (filtered ? azureContentFilterResults(fired) : {}) : azureContentFilterResults();
    }
  }
  return [{ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: azurePromptFilterResults() }, ...chunks];
}

const DEFAULT_MESSAGES: Record<number, [string, string]> = {
  400: ['invalid_request_error', "Invalid value for 'temperature': must be between 0 and 2."],
  401: ['401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'],
  403: ['403', 'Access denied. The principal does not have permission to perform this action on the resource (Cognitive Services OpenAI User role required).'],
  404: ['DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'],
  500: ['InternalServerError', 'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through an Azure support request if you keep seeing this error.'],
  503: ['ServiceUnavailable', 'The service is temporarily unable to process your request. Please try again later.'],
};

/**
 * An Azure error body. 429: code `"429"` (a string) and the quota message; 400 with code `content_filter`:
 * the content-management message with `innererror.content_filter_result` (the spelling seen on the wire).
 */
export function azureErrorBody(status: number, options: { message?: string; code?: string; apiVersion: string; retryAfterSeconds: number; fired: readonly string[] }) {
  if (status === 429) {
    const message =
      options.message ??
      `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${options.apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${options.retryAfterSeconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`;
    return { error: { code: options.code ?? '429', message } };
  }
  if (options.code === 'content_filter') {
    return {
      error: {
        message: options.message ?? "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: azurePromptFilterResult(options.fired) },
      },
    };
  }
  const [code, message] = DEFAULT_MESSAGES[status] ?? [String(status), `Error ${status}`];
  if (status === 400) return { error: { message: options.message ?? message, type: code, param: null, code: options.code ?? null } };
  return { error: { code: options.code ?? code, message: options.message ?? message } };
}
