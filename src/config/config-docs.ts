import { billingSchema, budgetSchema, ledgerConfigSchema, priceEntrySchema, priceOverridesSchema, priceTierSchema } from '../metering/metering-config-schema.ts';
import { DEFAULT_FALLBACK_ON } from '../resilience/error-class.ts';
import { ROUTING_DEFAULTS } from '../router/route-table.ts';
import { documentStateConfig } from '../state/state-config-docs.ts';
import { versionsConfigSchema } from '../versions/versions-config-schema.ts';
import { documentKeys, documentSchema } from './document-keys.ts';
import { documentGatewayConfig } from './gateway-config-docs.ts';
import {
  aliasConfigSchema,
  capabilitiesConfigSchema,
  circuitBreakerConfigSchema,
  defaultsConfigSchema,
  retryConfigSchema,
  spilloverConfigSchema,
  targetConfigSchema,
  timeoutsConfigSchema,
} from './routing-config-schema.ts';
import { providerCommonSchema, switchyardConfigSchema } from './switchyard-config-schema.ts';

const ms = (what: string) => `${what}. In milliseconds.`;

/**
 * Documents the config keys that Switchyard itself defines (everything but each provider type's own keys, which
 * each adapter documents beside its schema), for `npm run docs:config`. Defaults are the ones the code applies.
 */
export function documentCoreConfig(): void {
  documentKeys(switchyardConfigSchema, {
    providers: { description: 'The providers, by an id of your choice (`azure-east`, `openai`). Each entry has a `type` and the keys of that type; at least one is required.' },
    models: { description: 'The aliases that requests name as `model`, each with its targets and routing. A request may also name `providerId:model` to call one target directly.', default: {} },
    defaults: { description: 'Routing settings for every alias that does not set them, and for direct `providerId:model` calls.' },
    circuitBreaker: { description: 'When a target is skipped after failures, for every alias (an alias may override it).', default: ROUTING_DEFAULTS.circuitBreaker },
    versions: { description: 'Version pinning policy for every alias (an alias may override it).', default: { floating: 'warn', onDrift: 'warn', retirementWarningDays: 90 } },
    ledger: { description: 'Where every attempt is recorded, for cost reports and budgets. A relative `path` resolves against the config file\'s directory.', default: { type: 'sqlite', path: '.switchyard/ledger.sqlite' } },
    budgets: { description: 'Spending limits, checked before each call with a worst-case estimate and settled with the real cost.' },
    state: { description: 'What the instances of an application share (circuit breakers, `limits`, budgets, latency averages): this process only, or every instance on one Redis.', default: { type: 'memory' } },
    gateway: { description: 'The OpenAI-compatible HTTP gateway (`npx switchyard serve`, `createGateway` from `switchyard/gateway`, whose options win over these): virtual keys, body and concurrency limits, drain, CORS. Checked when the config is loaded; only the gateway uses it.' },
  }, 'config');
  documentStateConfig();
  documentGatewayConfig();

  documentKeys(providerCommonSchema, {
    type: { description: 'The provider type: which adapter serves it (the sections below list each type\'s keys).' },
    tags: { description: 'Labels that requests can require (`require: { tags: [eu] }`, or an alias\'s `require`).', examples: [['eu', 'gdpr']] },
    capabilities: { description: 'Overrides what Switchyard knows about the models this provider serves (routing skips targets that cannot serve a request).' },
    prices: { description: 'Prices for models the bundled price list does not know, or overrides, in USD per million tokens, by model (for Azure: by deployment name or model).' },
    billing: { description: 'How the provider charges: per token (the default), provisioned throughput units, or GPU hours (cost reports spread capacity cost over the traffic).', default: { type: 'per-token' } },
    limits: { description: 'Switchyard\'s own ceilings, counted across the instances that share `state`; on a provider, for all its targets together (every alias and model). A target at one of them is skipped without a request, like an open circuit.', examples: [{ requestsPerMinute: 600, tokensPerMinute: 150_000, maxConcurrency: 32 }] },
  }, 'providers.<id>');

  documentKeys(capabilitiesConfigSchema, {
    tools: { description: 'The models can call tools.' },
    images: { description: 'The models take images in user messages.' },
    jsonSchema: { description: 'The models follow a JSON Schema for structured output.' },
    embeddings: { description: 'The provider serves embedding models.' },
    dimensions: { description: 'The embedding models shorten their vectors to a requested `dimensions`. `false`: an embedding request with `dimensions` tries this target after the others.' },
    reasoning: { description: 'The models take reasoning controls (a request\'s `reasoning`). `false`: routing skips the target for a request that asks for reasoning (an effort other than `none`, a `budgetTokens` above 0, or `summary: true`).' },
    documents: { description: 'The models take documents (`file` parts in user messages, such as PDFs). `false`: routing skips the target for a request that has one.' },
    contextWindow: { description: 'The context window, in tokens: requests estimated to be longer skip the target.' },
  }, 'capabilities');

  documentKeys(aliasConfigSchema, {
    targets: { description: 'Where the alias sends calls, in order of preference for `strategy: priority`. At least one.' },
    strategy: { description: 'How targets are ordered for each call: `priority` (the listed order), `weighted` (random by `weight`), `round-robin`, `least-latency` (moving average), `lowest-cost` (prices or `costHint`).', default: 'priority' },
    retry: { description: 'Tries of one target before moving on to the next.', defaultText: '`{ attempts: 2, minDelayMs: 200, maxDelayMs: 10000 }`, with `attempts: 1` when the alias has a fallback target' },
    timeouts: { description: 'Deadlines of a call, of each attempt and of a silent stream.', default: ROUTING_DEFAULTS.timeouts },
    fallbackOn: { description: 'The error classes that move a call on to the next target; other errors end the call.', default: DEFAULT_FALLBACK_ON },
    hedge: { description: 'Starts the next target beside a slow one after `afterMs`; the first answer wins and the other is cancelled. Needs at least 2 targets.' },
    circuitBreaker: { description: 'This alias\'s circuit breaker settings, over the top-level `circuitBreaker`.' },
    require: { description: 'Only targets whose provider has all of these `tags` serve the alias.' },
    versions: { description: 'This alias\'s version policy, over the top-level `versions`.' },
    limits: { description: 'How calls wait when every target is at one of its `limits` (the limits themselves are set on providers and targets).' },
  }, 'models.<alias>');

  documentKeys(aliasConfigSchema.shape.hedge.unwrap(), { afterMs: { description: 'How long the first target may take before the next one is started beside it. In milliseconds.' } }, 'hedge');
  documentKeys(aliasConfigSchema.shape.require.unwrap(), { tags: { description: 'Tags every serving provider must have.' } }, 'require');
  documentKeys(circuitBreakerConfigSchema.shape.failureRate.unwrap(), {
    threshold: { description: 'The share of failures (above 0, at most 1) that opens the circuit.' },
    windowMs: { description: 'The sliding window the share is taken over. In milliseconds.' },
    minRequests: { description: 'The fewest outcomes in the window before the share counts.' },
  }, 'circuitBreaker.failureRate');

  documentKeys(targetConfigSchema, {
    provider: { description: 'A key of `providers`.' },
    model: { description: 'The model sent on the wire: a model id, or for Azure OpenAI a deployment name.' },
    weight: { description: 'Its share of calls under `strategy: weighted`.', default: 1 },
    costHint: { description: 'USD per million tokens, for `strategy: lowest-cost` when no price is known.' },
    capabilities: { description: 'Overrides what Switchyard knows about this target\'s model.' },
    pin: { description: 'The version the target must serve (drift is compared with it). Defaults to `model` when that is a dated or stable snapshot; for Azure, to the deployment\'s model in `deployments`.' },
    api: { description: 'The API this target calls, on a provider that serves both (`openai`, `azure-openai` on the v1 API, `oci`): `chat` (Chat Completions) or `responses` (the Responses API). Any other provider type is a config error.', defaultText: 'the provider\'s `api` (`chat`)' },
    publisher: { description: 'Vertex AI: whose model `model` is. `anthropic` sends it in Anthropic\'s Messages format (`publishers/anthropic/models/{model}:rawPredict`), `google` through `generateContent`. Only on `vertex` providers.', defaultText: 'the provider\'s `publisher`, else `anthropic` for `claude-*` ids and `google` for the rest' },
    spillover: { description: 'Azure OpenAI: the standard deployment this (provisioned) target spills over to when it is full, sent as `x-ms-spillover-deployment`; over the provider\'s `spillover`. A request\'s `spillover` wins. Only on `azure-openai` providers (a config error elsewhere).' },
    requestType: { description: 'Vertex AI (Gemini): the capacity to use, over the provider\'s `requestType`: `provisioned` (Provisioned Throughput only), `shared` (pay-as-you-go only), `priority` or `flex` (Priority or Flex PayGo, after Provisioned Throughput when there is some). A request\'s `requestType` wins. Only on `vertex` providers.' },
    serviceTier: { description: 'OpenAI and Azure OpenAI: the service tier to ask for (`service_tier`): `auto`, `default`, `flex` or `priority`, priced at that tier. A request\'s `serviceTier` wins. Only on `openai` and `azure-openai` providers.' },
    limits: { description: 'This target\'s own ceilings (for this alias\'s target only), checked beside its provider\'s `limits`, across the instances that share `state`.', examples: [{ tokensPerMinute: 80_000 }] },
  }, 'models.<alias>.targets[]');
  documentKeys(spilloverConfigSchema, { deployment: { description: 'The standard (pay-as-you-go) deployment in the same resource, by deployment name.' } }, 'models.<alias>.targets[].spillover');

  documentKeys(retryConfigSchema, {
    attempts: { description: 'Tries of one target, the first included (1: no retry).', defaultText: '2 for an alias with one target, 1 when it has a fallback target' },
    minDelayMs: { description: ms('The shortest backoff before a retry (full jitter; a provider\'s `Retry-After` wins when longer)'), default: 200 },
    maxDelayMs: { description: ms('The longest backoff before a retry'), default: 10_000 },
  }, 'retry');

  documentKeys(timeoutsConfigSchema, {
    totalMs: { description: ms('The whole call, every attempt and failover included (a stream: until its last part); a request\'s `timeoutMs` can shorten it'), default: 600_000 },
    attemptMs: { description: ms('One attempt at one target; when it runs out, the call moves on (class `timeout`)') },
    firstTokenMs: { description: ms('A stream\'s first content part from one target; when it runs out, the stream fails over') },
    idleMs: { description: ms('A stream that sends no part for this long after its first one (SSE comments and pings do not count, nor time the caller takes between reads) ends with `TimeoutError` kind `idle`: before any content the stream fails over, after content it is a `StreamInterruptedError`. A request\'s `idleTimeoutMs` replaces it'), default: ROUTING_DEFAULTS.timeouts.idleMs },
  }, 'timeouts');

  documentKeys(circuitBreakerConfigSchema, {
    consecutiveFailures: { description: 'Open the circuit (skip the target) after this many target failures in a row (rate limits, outages, timeouts, broken connections).', default: ROUTING_DEFAULTS.circuitBreaker.consecutiveFailures },
    cooldownMs: { description: ms('How long an open circuit skips the target before one probe call is let through'), default: ROUTING_DEFAULTS.circuitBreaker.cooldownMs },
    quotaCooldownMs: { description: ms('How long a target whose credits or quota are used up (`QuotaExhaustedError`, code `quota_exhausted`, such as an HTTP 402) is skipped: its circuit opens at once, for this long instead of `cooldownMs`'), default: ROUTING_DEFAULTS.circuitBreaker.quotaCooldownMs },
    failureRate: { description: 'Also open when the share of failures over a sliding window reaches `threshold` (0 to 1), once the window holds `minRequests` outcomes. Off unless set.' },
  }, 'circuitBreaker');

  documentSchema(defaultsConfigSchema, { description: 'The routing keys of an alias (`strategy`, `retry`, `timeouts`, `fallbackOn`, `hedge`).' });
  // Objects that appear in several places get one section each in the reference, named by their title.
  for (const [schema, title] of [
    [retryConfigSchema, 'retry'],
    [timeoutsConfigSchema, 'timeouts'],
    [circuitBreakerConfigSchema, 'circuitBreaker'],
    [versionsConfigSchema, 'versions'],
    [capabilitiesConfigSchema, 'capabilities'],
    [priceEntrySchema, 'prices.<model>'],
    [billingSchema, 'billing'],
    [aliasConfigSchema.shape.hedge.unwrap(), 'hedge'],
    [circuitBreakerConfigSchema.shape.failureRate.unwrap(), 'circuitBreaker.failureRate'],
  ] as const) documentSchema(schema, { title });

  documentKeys(versionsConfigSchema, {
    floating: { description: 'A target whose model id floats (`gpt-4o`, `gemini-2.5-flash`, `*-latest`) and has no `pin`: `allow` it, `warn` (a `warning` event), or `error` (the config is invalid).', default: 'warn' },
    onDrift: { description: 'A response whose served version differs from the pin: `warn` (returned, with a warning and a `drift` event), `error` (`VersionDriftError`), or `failover` (that error, and the next target).', default: 'warn' },
    retirementWarningDays: { description: 'Warn this many days before a known model retirement.', default: 90 },
  }, 'versions');

  const [sqlite, postgres] = ledgerConfigSchema.options;
  documentKeys(sqlite, { path: { description: 'The SQLite file (its folder is created), relative to the config file\'s directory; `:memory:` for none.', default: '.switchyard/ledger.sqlite' } }, 'ledger (sqlite)');
  documentKeys(postgres, {
    url: { description: 'The `postgres://` connection URL (use `${ENV}` for the password).', examples: ['${SWITCHYARD_LEDGER_URL}'] },
    table: { description: 'The table, optionally with its schema (`ledger.attempts`); created and migrated on first use.', default: 'switchyard_attempts' },
  }, 'ledger (postgres)');
  documentSchema(ledgerConfigSchema, { description: '`sqlite` (a local file, the default), `postgres` (shared by many instances), `memory` (this process only) or `none` (nothing kept).' });

  documentKeys(budgetSchema, {
    name: { description: 'A name for events and errors.', defaultText: 'one made from its scope, such as `provider=openai, tag tenant=acme, per day`' },
    provider: { description: 'Only calls to this provider count (a key of `providers`).' },
    alias: { description: 'Only calls through this alias count (a key of `models`).' },
    tag: { description: 'Only calls with this tag count, as `key=value`.', examples: ['tenant=acme'] },
    period: { description: 'The budget resets each UTC `day` or `month`.' },
    limitUsd: { description: 'The limit, in USD.' },
    mode: { description: '`hard` refuses calls that would go over (`BudgetExceededError`, the next target is tried); `soft` lets them through with a `budget` event.', default: 'hard' },
  }, 'budgets[]');

  documentSchema(priceOverridesSchema, { description: 'USD per million tokens, by model: one price, or a list of dated prices.', examples: [{ 'meta-llama/Llama-3.3-70B-Instruct': { input: 0.71, output: 0.71 } }] });
  documentKeys(priceEntrySchema, {
    input: { description: 'USD per million input tokens (the uncached part).' },
    output: { description: 'USD per million output tokens (reasoning included).' },
    cachedInput: { description: 'USD per million cached input tokens.', defaultText: 'the input price' },
    cacheWrite: { description: 'USD per million tokens written to the prompt cache.', defaultText: 'the input price' },
    effectiveFrom: { description: 'The date (or date-time, UTC) from which the price applies, for a list of prices.' },
    tiers: { description: 'Higher rates for long prompts (Gemini above 200k prompt tokens), ascending.' },
    tier: { description: 'The capacity tier this price is for: `priority` or `flex` (OpenAI and Azure OpenAI `service_tier`, Vertex Priority and Flex PayGo). Without `tier`, the standard (pay-as-you-go) price. A flex attempt with no `flex` price costs half the standard price on `openai`, `azure-openai` and `vertex`; any other attempt at a tier with no price costs null, with a warning.' },
  }, 'prices.<model>');
  documentKeys(priceTierSchema, {
    aboveInputTokens: { description: 'The rates apply to the whole request once the prompt has more input tokens than this.' },
    input: { description: 'USD per million input tokens above the threshold.' },
    output: { description: 'USD per million output tokens above the threshold.' },
    cachedInput: { description: 'USD per million cached input tokens above the threshold.' },
    cacheWrite: { description: 'USD per million tokens written to the cache above the threshold.' },
  }, 'prices.<model>.tiers[]');

  const [, provisioned, gpuHours] = billingSchema.options;
  documentKeys(provisioned, {
    units: { description: 'Provisioned throughput units (Azure PTU).' },
    hourlyUsdPerUnit: { description: 'USD per unit per hour.' },
    tokensPerMinutePerUnit: { description: 'Throughput of one unit, for the utilisation column of cost reports.' },
  }, 'billing (provisioned)');
  documentKeys(gpuHours, {
    gpus: { description: 'GPUs serving the models (a self-hosted vLLM or NIM server).' },
    hourlyUsdPerGpu: { description: 'USD per GPU per hour.' },
    tokensPerSecondPerGpu: { description: 'Throughput of one GPU, for the utilisation column of cost reports.' },
  }, 'billing (gpu-hours)');
}
