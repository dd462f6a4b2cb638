import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ChatApi } from '../../src/types/chat-api.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

/** Settings of `createOpenAI`. */
export interface OpenAISettings {
  /** The API key, sent as `Authorization: Bearer`. @default `OPENAI_API_KEY` from `env`, read when the provider is created */
  apiKey?: string | undefined;
  /** The API base URL. @default 'https://api.openai.com/v1' */
  baseURL?: string | undefined;
  /** Sent as `OpenAI-Organization`. */
  organization?: string | undefined;
  /** Sent as `OpenAI-Project`. */
  project?: string | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /**
   * The API `chat` and `stream` call: `chat` (Chat Completions, `POST /chat/completions`) or `responses` (the
   * Responses API, `POST /responses`, stateless with encrypted reasoning). A target's `api` overrides it.
   * @default 'chat'
   */
  api?: ChatApi | undefined;
  /** The provider's id in results, errors and the ledger. @default 'openai' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** Overrides what Switchyard knows about the models. */
  capabilities?: ProviderCapabilities | undefined;
  /** Where to read `OPENAI_API_KEY` when `apiKey` is not given. @default process.env */
  env?: Record<string, string | undefined> | undefined;
}
