import type { OpenAIChatDocuments } from '../openai-compatible/openai-chat-documents.ts';
import type { AzureApiVersion } from './azure-api-version.ts';

/**
 * How an Azure api-version takes document (`file`) parts on Chat Completions. The dated GA specs read for the feature
 * table (2024-02-01 to 2024-10-21) have only `text` and `image_url` content parts: no documents there. The v1 API and
 * dated previews get OpenAI's `file` part with a warning: not confirmed from a primary source (Azure's docs describe
 * document input for the Responses API, not for Chat Completions).
 */
export function azureChatDocuments(version: AzureApiVersion): OpenAIChatDocuments {
  if (version.style === 'classic' && version.channel === 'ga') {
    return { style: 'unsupported', reason: `Azure OpenAI api-version ${version.value} has no document parts on Chat Completions (its content parts are text and image_url); the v1 API's Responses API (apiVersion v1, api: responses) takes documents` };
  }
  return { style: 'openai-file', unconfirmed: 'Azure OpenAI does not document file parts on Chat Completions; the document was sent in OpenAI\'s shape, as asked (unconfirmed). The Responses API (api: responses) takes documents.' };
}
