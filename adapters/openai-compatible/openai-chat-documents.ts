/**
 * How a server takes user `file` parts on Chat Completions (internal):
 * - `openai-file`: OpenAI's `file` content part, `{ type: 'file', file: { filename, file_data } }` with a base64 data URL,
 *   or `{ file: { file_id } }` for an uploaded file (`data: 'file-…'`). PDF only, and never by URL (OpenAI's file-inputs
 *   guide: "Chat Completions accepts only PDF files as file content parts"; "External file URL (file_url) … Not
 *   supported"). `unconfirmed` is the warning for servers that follow OpenAI's shape without documenting file parts.
 * - `unsupported`: no file parts; a request with one is an `UnsupportedFeatureError` saying `reason`.
 */
export type OpenAIChatDocuments = { style: 'openai-file'; unconfirmed?: string | undefined } | { style: 'unsupported'; reason: string };
