/**
 * The API a provider on the OpenAI wire format calls for `chat` and `stream`:
 * - `chat`: Chat Completions (`POST /chat/completions`);
 * - `responses`: the Responses API (`POST /responses`), stateless (`store: false`) with encrypted reasoning items
 *   handed back as `reasoningState`.
 * Set per provider (`api`) or per target; `chat` is the default this release.
 */
export type ChatApi = 'chat' | 'responses';
