import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { FinishReason } from '../../src/types/finish-reason.ts';
import type { Warning } from '../../src/types/warning.ts';

/** What the answer showed, for `warnIgnoredSettings`. */
export interface AnswerFacts {
  /** The answer's text; undefined when it was not kept (a stream keeps it only for a JSON response format). */
  text: string | undefined;
  /** Whether the answer had any text. */
  hasText: boolean;
  /** The names of the tools the answer called, in order. */
  toolNames: string[];
  finishReason: FinishReason;
  /** Whether the answer carried reasoning text. */
  reasoning: boolean;
  /** The model the server said it served (undefined when it named none). */
  servedModel: string | undefined;
}

/** Whether to compare the served model with the one sent (self-hosted servers that answer with their own alias). */
export interface IgnoredSettingsOptions {
  /** The provider's id, for the messages. */
  provider: string;
  /** The model sent in the body, when the served one is to be compared with it. */
  sentModel?: string | undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a warning for each setting the answer shows was not honoured: a forced tool (`toolChoice` `required` or a
 * named tool) that was not called, a JSON response format whose answer is not JSON, and (with `sentModel`) a served
 * model that is not the one asked for. OpenAI-compatible servers differ here: llama.cpp ignores an object
 * `tool_choice` and `response_format: json_object` and answers any model name with its alias. Also says when an
 * answer was cut at `maxTokens` while the model was still reasoning (empty text, billed output).
 */
export function warnIgnoredSettings(request: ChatRequest, answer: AnswerFacts, options: IgnoredSettingsOptions, warnings: Warning[]): void {
  const who = options.provider;
  const choice = request.toolChoice;
  if (choice !== undefined && choice !== 'auto' && choice !== 'none' && request.tools !== undefined && request.tools.length > 0) {
    const forced = typeof choice === 'string' ? undefined : choice.name;
    const called = forced === undefined ? answer.toolNames.length > 0 : answer.toolNames.includes(forced);
    if (!called) {
      const asked = forced === undefined ? 'a tool call (toolChoice: required)' : `a call of ${forced} (toolChoice)`;
      const got = answer.toolNames.length === 0 ? 'no tool call' : `calls of ${answer.toolNames.join(', ')}`;
      warnings.push({ type: 'unsupported-setting', setting: 'toolChoice', message: `${who} was asked for ${asked} and answered with ${got}: the server did not apply toolChoice.` });
    }
  }
  if (request.responseFormat?.type === 'json' && answer.text !== undefined && answer.toolNames.length === 0 && !isJson(answer.text)) {
    const why = answer.finishReason === 'length' ? 'it was cut off at maxTokens' : 'the server did not apply response_format';
    warnings.push({ type: 'unsupported-setting', setting: 'responseFormat', message: `${who} was asked for JSON and the answer is not JSON: ${why}.` });
  }
  const sent = options.sentModel;
  const served = answer.servedModel;
  if (sent !== undefined && served !== undefined && served !== '' && !served.toLowerCase().startsWith(sent.toLowerCase())) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'model',
      message: `${who} was asked for model ${sent} and answered as ${served}: the server serves its own model whatever the request names (a single-model server answers with its alias). Check the target's model, and pin it to detect a different deployment.`,
    });
  }
  if (answer.finishReason === 'length' && answer.reasoning && !answer.hasText && answer.toolNames.length === 0) {
    warnings.push({ type: 'other', setting: 'maxTokens', message: `${who} reached maxTokens while the model was still reasoning: the answer has reasoning and no text. Raise maxTokens.` });
  }
}
