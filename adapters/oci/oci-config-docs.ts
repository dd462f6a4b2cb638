import type { KeyDoc } from '../../src/config/document-keys.ts';

/** The keys of `type: oci` in a config, for `docs/config.md` (`npm run docs:config`). */
export const OCI_CONFIG_DOCS: Record<string, KeyDoc> = {
  region: { description: 'The OCI region (`us-chicago-1`): the base URL becomes `https://inference.generativeai.{region}.oci.oraclecloud.com/openai/v1`.', defaultText: 'the profile\'s `region` when `profile` is used' },
  baseURL: { description: 'The base URL, ending in `/openai/v1`; overrides `region`.' },
  compartmentId: { description: 'The compartment OCID the calls run (and are billed) in. Required with IAM signing.' },
  apiKey: { description: 'An OCI Generative AI API key (`sk-…`), sent as `Authorization: Bearer`. Or use IAM signing (`tenancy`, `user`, `fingerprint`, `privateKey`) or a `profile`.' },
  tenancy: { description: 'IAM signing: the tenancy OCID.' },
  user: { description: 'IAM signing: the user OCID.' },
  fingerprint: { description: 'IAM signing: the fingerprint of the uploaded public key.' },
  privateKey: { description: 'IAM signing: the RSA private key, as PEM text or the path of a PEM file (`~` is expanded).' },
  passphrase: { description: 'IAM signing: the private key\'s passphrase, if it is encrypted.' },
  profile: { description: 'IAM signing from the OCI config file: the profile name, such as `DEFAULT`.' },
  configFile: { description: 'The OCI config file.', defaultText: '`~/.oci/config` when it exists, else `OCI_CONFIG_FILE`, else `~/.oraclebmc/config`' },
  headers: { description: 'Extra headers on every request.' },
  maxTokensField: { description: 'The body field for the token limit.', default: 'max_tokens' },
  api: { description: 'The API that `chat` and `stream` call: `chat` (Chat Completions) or `responses` (OCI\'s OpenAI-compatible Responses API, `{baseURL}/responses`). A target\'s `api` overrides it.', default: 'chat' },
};
