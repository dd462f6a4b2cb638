import type { KeyDoc } from '../../src/config/document-keys.ts';

/** The keys of `type: openai` in a config, for `docs/config.md` (`npm run docs:config`). */
export const OPENAI_CONFIG_DOCS: Record<string, KeyDoc> = {
  apiKey: { description: 'The API key, sent as `Authorization: Bearer`.', examples: ['${OPENAI_API_KEY}'] },
  baseURL: { description: 'The API base URL (a proxy, a gateway, an OpenAI-compatible server).', default: 'https://api.openai.com/v1' },
  organization: { description: 'Sent as `OpenAI-Organization`.' },
  project: { description: 'Sent as `OpenAI-Project`.' },
  headers: { description: 'Extra headers on every request.' },
  api: { description: 'The API that `chat` and `stream` call: `chat` (Chat Completions, `POST /chat/completions`) or `responses` (the Responses API, `POST /responses`, stateless with encrypted reasoning). A target\'s `api` overrides it.', default: 'chat' },
};
