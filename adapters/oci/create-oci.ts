import { ConfigError } from '../../src/errors/config-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { Warning } from '../../src/types/warning.ts';
import { createOpenAIClient } from '../openai-compatible/create-openai-client.ts';
import { createOpenAICompatibleProvider } from '../openai-compatible/create-openai-compatible-provider.ts';
import { ociBaseURL } from './oci-base-url.ts';
import { OCI_MODEL_CAPABILITIES } from './oci-model-capabilities.ts';
import { ociChatReasoningFor } from './oci-reasoning-models.ts';
import type { OCISettings } from './oci-settings.ts';
import { resolveOCIAuth } from './resolve-oci-auth.ts';
import { withOCISigning } from './with-oci-signing.ts';

/** Whether a chat request has a user `file` part. */
const hasFilePart = (request: ChatRequest): boolean => request.messages.some((m) => m.role === 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'file'));

/** OCI's Responses API documents "text and image inputs" (Oracle, responses-api.htm): a document is sent as asked, with this warning. */
const RESPONSES_DOCUMENTS_UNCONFIRMED = (id: string): Warning => ({
  type: 'other',
  setting: 'messages.file',
  message: `${id}: OCI documents text and image inputs for its Responses API, not documents (input_file); the document was sent in OpenAI's shape, as asked (unconfirmed).`,
});

/** An OCI Generative AI provider, with the escape hatch to a configured official `openai` client. */
export interface OCIProvider extends Provider {
  /** An official `openai` client for the same endpoint (signed too under IAM auth), on Switchyard's transport, `maxRetries: 0`. */
  getOpenAIClient(): ReturnType<typeof createOpenAIClient>;
}

/**
 * Creates a provider for OCI Generative AI's OpenAI-compatible endpoint (Chat Completions, or the Responses API with
 * `api: 'responses'`; embeddings on this
 * endpoint are assumed from the OpenAI shape, not confirmed in Oracle's docs),
 * authenticated by an OCI Generative AI API key or by OCI IAM request signing (explicit fields or a profile
 * of `~/.oci/config`). Key and config files are read here, once; each request is signed over its exact bytes.
 * @example
 * const oci = createOCI({ profile: 'DEFAULT', compartmentId: 'ocid1.compartment.oc1..aaaa' });
 * await oci.chat({ model: 'meta.llama-3.3-70b-instruct', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOCI(settings: OCISettings = {}): OCIProvider {
  const auth = resolveOCIAuth(settings);
  if (settings.baseURL === undefined && auth.region === undefined) {
    throw new ConfigError([{ path: 'region', message: 'OCI needs a region (such as us-chicago-1), from settings.region or the profile\'s region, or a baseURL.' }], { source: 'createOCI' });
  }
  if (auth.type === 'signature' && !settings.compartmentId) {
    throw new ConfigError([{ path: 'compartmentId', message: 'IAM-signed calls to OCI Generative AI need the compartment OCID (ocid1.compartment.oc1..…) to run in: set compartmentId.' }], { source: 'createOCI' });
  }
  const id = settings.id ?? 'oci';
  const baseURL = (settings.baseURL ?? ociBaseURL(auth.region as string)).replace(/\/+$/, '');
  const base = settings.transport ?? getDefaultTransport();
  const transport = auth.type === 'signature' ? withOCISigning(base, auth.signer) : base;
  const fixed: Record<string, string> = {};
  if (settings.headers) for (const [k, v] of Object.entries(settings.headers)) fixed[k.toLowerCase()] = v;
  if (settings.compartmentId) {
    fixed['opc-compartment-id'] = settings.compartmentId;
    fixed.compartmentid = settings.compartmentId;
  }
  if (auth.type === 'api-key') fixed.authorization = `Bearer ${auth.apiKey}`;
  const secret = auth.type === 'api-key' ? auth.apiKey : auth.passphrase;

  const provider = createOpenAICompatibleProvider({
    id,
    type: 'oci',
    transport,
    url: (operation) => `${baseURL}/${operation}`,
    headers: () => ({ ...fixed }),
    secrets: () => (secret ? [secret] : []),
    capabilities: settings.capabilities ? { ...OCI_MODEL_CAPABILITIES, ...settings.capabilities, models: { ...OCI_MODEL_CAPABILITIES.models, ...settings.capabilities.models } } : OCI_MODEL_CAPABILITIES,
    maxTokensField: settings.maxTokensField ?? 'max_tokens',
    api: settings.api ?? 'chat',
    apis: ['chat', 'responses'],
    chatReasoning: ociChatReasoningFor,
    chatDocuments: { style: 'openai-file', unconfirmed: 'OCI documents its Chat Completions as OpenAI\'s format but names no document (file) parts; the document was sent in OpenAI\'s shape, as asked (unconfirmed).' },
    checkBody: (_body, request, operation) => (operation === 'responses' && hasFilePart(request as ChatRequest) ? [RESPONSES_DOCUMENTS_UNCONFIRMED(id)] : undefined),
  });
  const { authorization: _auth, ...defaultHeaders } = fixed;
  return Object.assign(provider, {
    getOpenAIClient: () => createOpenAIClient({ baseURL, apiKey: auth.type === 'api-key' ? auth.apiKey : undefined, defaultHeaders }, transport),
  });
}
