import type { KeyDoc } from '../../src/config/document-keys.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';

/** The keys of `type: azure-openai` in a config, for `docs/config.md` (`npm run docs:config`). */
export const AZURE_OPENAI_CONFIG_DOCS: Record<string, KeyDoc> = {
  endpoint: {
    description: 'The resource (or API Management gateway) root, without `/openai`: `https://<resource>.openai.azure.com`, `https://<resource>.cognitiveservices.azure.com`, `https://<resource>.services.ai.azure.com`.',
    examples: ['${AZURE_OPENAI_ENDPOINT}', 'https://contoso-east.openai.azure.com'],
  },
  apiKey: { description: 'The resource key, sent as `api-key`. Use either this or `credential`.', examples: ['${AZURE_OPENAI_API_KEY}'] },
  credential: { description: '`default`: Microsoft Entra ID through `DefaultAzureCredential` from the optional package `@azure/identity` (install it: `npm install @azure/identity@^4`), which finds a managed identity, workload identity, `az login` or `AZURE_CLIENT_ID` / `AZURE_TENANT_ID` / `AZURE_CLIENT_SECRET`.' },
  tokenScope: { description: 'The Entra ID token scope.', default: 'https://cognitiveservices.azure.com/.default' },
  apiVersion: {
    description: 'The api-version: a dated one (`2024-10-21`, `2025-04-01-preview`) selects the classic URLs (`/openai/deployments/{deployment}/…?api-version=`); `v1` or `preview` the v1 API. Requests are checked against what it supports.',
    default: DEFAULT_VERSIONS.azureOpenAIApiVersion,
  },
  deployments: {
    description: 'What each deployment runs, by deployment name: its `model` version pins it, prices it and names the served model when a response does not.', examples: [{ 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } }],
    keys: {
      model: { description: 'The model and version the deployment runs, as Azure names it (`gpt-4o-2024-08-06`).' },
      capacity: {
        description: 'Whether the deployment is `provisioned` (PTU: 0 per token, its hours come from `billing`) or `standard` (per token), for a resource that has both. Unset: provisioned when the provider\'s `billing` is capacity-billed, except the `spillover` deployment, which is standard.',
      },
    },
  },
  headers: { description: 'Extra headers on every request.' },
  api: {
    description: 'The API that `chat` and `stream` call: `chat` (Chat Completions) or `responses` (the Responses API, `{endpoint}/openai/v1/responses`: on the v1 API only, so not with a dated `apiVersion`). A target\'s `api` overrides it.',
    default: 'chat',
  },
  spillover: {
    description: 'The standard (pay-as-you-go) deployment this resource\'s provisioned deployments spill over to when they are full, sent as `x-ms-spillover-deployment` on every chat request, except to that deployment itself and to deployments marked `capacity: standard`. A target\'s or a request\'s `spillover` wins. Not needed for spillover configured on the deployment in Azure: its answers are read the same way.',
    examples: [{ deployment: 'gpt4o-paygo' }],
    keys: { deployment: { description: 'The standard deployment in the same resource, by deployment name.' } },
  },
};
