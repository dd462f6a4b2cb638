import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { ChatApi } from '../../src/types/chat-api.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';

/**
 * Settings of `createOCI`. Authenticate with exactly one of:
 * - `apiKey`: an OCI Generative AI API key (not an IAM API signing key), sent as `Authorization: Bearer`;
 * - IAM request signing with `tenancy`, `user`, `fingerprint` and `privateKey` (plus `passphrase` if the key has one);
 * - `profile`: the same signing fields read from the OCI config file, as the OCI CLI and SDKs read them.
 *   Fields given here override the profile's (for example `region`).
 */
export interface OCISettings {
  /**
   * The OCI region, such as `us-chicago-1`: the base URL becomes
   * `https://inference.generativeai.{region}.oci.oraclecloud.com/openai/v1`.
   * @default the profile's `region` when `profile` is used
   */
  region?: string | undefined;
  /** The base URL, ending in `/openai/v1`; overrides `region` (other realms, private endpoints, proxies). */
  baseURL?: string | undefined;
  /**
   * The compartment OCID the calls run (and are billed) in, sent as both `opc-compartment-id` and
   * `CompartmentId` headers, as Oracle's `oci-openai` clients send it. Required with IAM signing;
   * optional with an API key (the key's policy decides). Which of the two headers the Chat Completions
   * route reads is not stated in Oracle's reference docs, hence both.
   */
  compartmentId?: string | undefined;
  /** An OCI Generative AI API key (`sk-…`), sent as `Authorization: Bearer`. The key belongs to one region. */
  apiKey?: string | undefined;
  /** IAM signing: the tenancy OCID (`ocid1.tenancy.oc1..…`). */
  tenancy?: string | undefined;
  /** IAM signing: the user OCID (`ocid1.user.oc1..…`). */
  user?: string | undefined;
  /** IAM signing: the fingerprint of the uploaded public key (`12:34:…`, 16 lower-case hex pairs). */
  fingerprint?: string | undefined;
  /** IAM signing: the RSA private key, as PEM text or as a path to a PEM file (`~` is expanded). Read when the provider is created. */
  privateKey?: string | undefined;
  /** IAM signing: the private key's passphrase, if it is encrypted. */
  passphrase?: string | undefined;
  /**
   * IAM signing from the OCI config file: the profile (section) name, such as `DEFAULT`. Values in
   * `[DEFAULT]` apply to every profile unless overridden; `key_file` (with `~`), `pass_phrase` and `region` are read.
   */
  profile?: string | undefined;
  /**
   * The OCI config file. @default `~/.oci/config` when it exists, else `OCI_CONFIG_FILE` from `env`,
   * else `~/.oraclebmc/config` (the order of OCI's Python and Go SDKs)
   */
  configFile?: string | undefined;
  /** Extra headers on every request (for example `OpenAI-Project` with a Generative AI project OCID). */
  headers?: Record<string, string> | undefined;
  /**
   * The body field for the token limit. `max_tokens` is what published calls to this endpoint send (Llama, Grok,
   * gpt-oss); whether OpenAI reasoning models served by OCI need `max_completion_tokens` is unconfirmed.
   * @default 'max_tokens'
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens' | undefined;
  /**
   * The API `chat` and `stream` call: `chat` (Chat Completions) or `responses` (OCI's OpenAI-compatible, Open
   * Responses-compliant Responses API at `{baseURL}/responses`, Oracle's docs `responses-api.htm`). Oracle documents
   * text and image inputs; document (`input_file`) inputs, `store: false` and encrypted reasoning items on OCI are not
   * confirmed from a primary source. A target's `api` overrides it.
   * @default 'chat'
   */
  api?: ChatApi | undefined;
  /** The provider's id in results, errors and the ledger. @default 'oci' */
  id?: string | undefined;
  /** The transport. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** What the served models can do. */
  capabilities?: ProviderCapabilities | undefined;
  /** Where to read `OCI_CONFIG_FILE`. @default process.env, read when the provider is created */
  env?: Record<string, string | undefined> | undefined;
  /** The home directory `~` stands for. @default os.homedir() */
  homeDir?: string | undefined;
  /** The clock for each signature's `date` header, in ms since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}
