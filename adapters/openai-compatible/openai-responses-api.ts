/**
 * The Responses API of the OpenAI wire format, a part of the adapters loaded on the first call that uses it
 * (`api: responses`), so that a provider on Chat Completions never loads it. Re-exports only.
 */
export { chatOpenAIResponses } from './chat-openai-responses.ts';
export { streamOpenAIResponses } from './stream-openai-responses.ts';
