import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as npm delivers it: `npm pack`, the tarball installed into fresh consumer projects (its dependencies
// and, per subpath, its peer, linked from this repository's node_modules: no network), then type-checked under the
// strictest settings and run. The Node.js floor and Node 22 checks need those Node versions, which .ci/run
// installs (npm install node@22.13.0 / node@22) and names in SWITCHYARD_TEST_NODE_OLD / SWITCHYARD_TEST_NODE_22.

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const repoModules = join(repo, 'node_modules');
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'switchyard-packed-'));
let tarball = '';
let dependencies: string[] = [];
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build.ts')], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  tarball = join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]?.filename as string);
  const manifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  dependencies = Object.keys((JSON.parse(manifest.stdout) as { dependencies: Record<string, string> }).dependencies);
}, 120_000);

/** A fresh project with the tarball installed, its dependencies and `extra` packages linked, and these files. */
function consumer(name: string, extra: string[], files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const extracted = join(work, `${name}-extract`);
  mkdirSync(extracted);
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', extracted]);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  cpSync(join(extracted, 'package'), join(dir, 'node_modules', 'switchyard'), { recursive: true });
  for (const pkg of [...dependencies, '@types/node', ...extra]) {
    const target = join(dir, 'node_modules', pkg);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target)) symlinkSync(join(repoModules, pkg), target, 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** `tsc --noEmit` with the settings `tsc --init` gives and then some: strict, exactOptionalPropertyTypes, skipLibCheck false. */
function typecheck(dir: string, resolution: 'nodenext' | 'bundler', files: string[], lib: string[] = ['es2024']): string {
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
    target: 'es2023',
    lib,
    types: ['node'],
    module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
    moduleResolution: resolution,
    noEmit: true,
  };
  writeFileSync(join(dir, `tsconfig.${resolution}.json`), JSON.stringify({ compilerOptions, files }));
  const result = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: dir, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim();
}

const MAIN = `import { createSwitchyard, InvalidRequestError, LedgerError, type ChatRequest, type RoutedChatResult, type SwitchyardWarning } from 'switchyard';
import { createOpenAI } from 'switchyard/adapters/openai';
import { createAzureOpenAI } from 'switchyard/adapters/azure-openai';
import { createCoreWeave } from 'switchyard/adapters/coreweave';
import { createOCI } from 'switchyard/adapters/oci';
import { createOpenAICompatibleProvider } from 'switchyard/adapters/openai-compatible';
import { createVertex } from 'switchyard/adapters/vertex';

// The README's snippets, as an application under tsc --init settings writes them.
const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
const vllm = createCoreWeave({ baseURL: 'https://llm.acme.example/v1', apiKey: process.env.CW_KEY });
const azure = createAzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, apiKey: process.env.AZURE_OPENAI_API_KEY, apiVersion: process.env.AZURE_API_VERSION });
const vertex = createVertex({ project: process.env.GOOGLE_CLOUD_PROJECT, location: process.env.GOOGLE_CLOUD_LOCATION, accessToken: process.env.VERTEX_TOKEN });
const oci = createOCI({ region: process.env.OCI_REGION, apiKey: process.env.OCI_API_KEY, compartmentId: process.env.OCI_COMPARTMENT });
const sy = createSwitchyard('switchyard.yaml', { cwd: process.env.CONFIG_DIR, closeTimeoutMs: undefined, telemetry: { recordContent: process.env.RECORD === '1' ? true : undefined } });
sy.on('warning', (w: SwitchyardWarning) => console.warn(w.code, w.message));
sy.on('drift', (d) => console.warn(d.pin, d.served));
sy.on('budget', (b) => console.warn(b.budget, b.limitUsd));
const request: ChatRequest = { model: 'chat', messages: [{ role: 'user', content: 'Hi' }], maxTokens: Number(process.env.MAX_TOKENS) || undefined, temperature: undefined, tags: { tenant: 'acme' } };
const result: RoutedChatResult = await sy.chat(request);
const attempts: number = result.attempts.length;
const report = await sy.costReport({ since: '7d', groupBy: ['provider', 'day'], until: undefined });
const json: string = JSON.stringify(report);
for await (const part of vllm.stream({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: [{ role: 'user', content: 'Hi' }], signal: undefined })) {
  if (part.type === 'text-delta') process.stdout.write(part.text);
}
const embedded = await vertex.embed({ model: 'gemini-embedding-001', input: ['a'], dimensions: undefined });
const genai = await vertex.getGoogleGenAI();
console.log(attempts, json, embedded.embeddings.length, genai.vertexai, openai.id, azure.id, oci.id, createOpenAICompatibleProvider, InvalidRequestError.isInstance(null), LedgerError.name);
`;

/**
 * The optional properties of a type, deeply, whose type does not take \`undefined\` (as paths): what an application
 * under exactOptionalPropertyTypes cannot set to a maybe-undefined value (\`{ drainMs: process.env.X ? … : undefined }\`).
 * Index signatures (maps) are followed into their values; functions, schemas and class instances are leaves.
 */
const STRICT_OPTIONAL = `type Leaf = ((...args: never[]) => unknown) | string | number | boolean | bigint | symbol | null | undefined | Date | RegExp | Uint8Array | AbortSignal | Promise<unknown> | Error | { _zod: unknown };
export type StrictOptional<T, Path extends string = '', Depth extends unknown[] = []> =
  Depth['length'] extends 6 ? never
  : T extends Leaf ? never
  : T extends readonly (infer E)[] ? StrictOptional<E, \`\${Path}[]\`, [...Depth, 1]>
  : T extends object ? {
      [K in keyof T & string]-?: string extends K
        ? StrictOptional<NonNullable<T[K]>, \`\${Path}<name>.\`, [...Depth, 1]>
        : | ({} extends Pick<T, K> ? (undefined extends Required<T>[K] ? never : \`\${Path}\${K}\`) : never)
          | StrictOptional<NonNullable<T[K]>, \`\${Path}\${K}.\`, [...Depth, 1]>
    }[keyof T & string]
  : never;
/** A type error that lists the offending paths, unless there are none. */
export type NoneOf<T extends never> = T;
`;

/** Every type an application writes (options, settings, configs, requests, what a custom provider or store implements), by entry point. */
const INPUT_TYPES: Record<string, { from: string; types: string[] }> = {
  S: {
    from: 'switchyard',
    types: [
      'SwitchyardOptions', 'TelemetrySettings', 'LoadConfigOptions', 'SwitchyardConfigInput', 'SwitchyardConfig', 'CircuitBreakerSettings', 'CreateMeterOptions',
      'MeterConfig', 'MeterProviderConfig', 'CostReportOptions', 'PostgresLedgerSettings', 'PriceBookSettings', 'UndiciTransportSettings', 'LedgerAggregateQuery',
      'LedgerCostFilter', 'LedgerStore', 'BudgetStore', 'HttpRequest', 'HttpResponse', 'HttpTransport', 'StateConfig', 'RedisStateConfig', 'LimitsConfig',
      'AliasLimitsConfig', 'ChatRequest', 'ChatMessage', 'EmbedRequest', 'ChatResult', 'EmbedResult', 'StreamPart', 'Provider', 'ProviderContext',
      'ProviderDefinition', 'CapacityTargetSettings', 'ProviderCapabilities', 'Meter', 'SwitchyardErrorOptions', 'UnsupportedFeatureErrorOptions',
    ],
  },
  G: { from: 'switchyard/gateway', types: ['GatewayOptions', 'GatewayConfig', 'GatewayKeyConfig', 'GatewayCorsConfig'] },
  A: { from: 'switchyard/adapters/anthropic-messages', types: ['AnthropicMessagesConfig', 'AnthropicRequestOptions'] },
  OC: { from: 'switchyard/adapters/openai-compatible', types: ['OpenAICompatibleConfig', 'OpenAIChatBodyOptions', 'OpenAIResponsesBodyOptions', 'OpenAIClientOptions'] },
  OA: { from: 'switchyard/adapters/openai', types: ['OpenAISettings'] },
  AZ: { from: 'switchyard/adapters/azure-openai', types: ['AzureOpenAISettings'] },
  V: { from: 'switchyard/adapters/vertex', types: ['VertexSettings', 'VertexAnthropicSettings'] },
  CW: { from: 'switchyard/adapters/coreweave', types: ['CoreWeaveSettings', 'CoreWeaveReasoningSettings'] },
  OCI: { from: 'switchyard/adapters/oci', types: ['OCISettings'] },
};
/** The error classes, whose constructor options custom providers pass. */
const ERROR_CLASSES = [
  'AbortError', 'AllAttemptsFailedError', 'AuthenticationError', 'BudgetExceededError', 'ConfigError', 'ConnectionError', 'ContentFilterError', 'ContextLengthError',
  'InvalidRequestError', 'LedgerError', 'NoRouteError', 'ProviderApiError', 'ProviderUnavailableError', 'QuotaExhaustedError', 'RateLimitError', 'ResponseParseError',
  'StateUnavailableError', 'StreamInterruptedError', 'SwitchyardError', 'TimeoutError', 'UnsupportedFeatureError', 'VersionDriftError',
];

/** A file that fails to type-check while any of these types has an optional field that refuses `undefined`. */
function optionalFieldsFile(groups: Record<string, { from: string; types: string[] }>, errors: string[]): string {
  const imports = Object.entries(groups).map(([alias, { from }]) => `import type * as ${alias} from '${from}';`);
  const checks = Object.entries(groups).flatMap(([alias, { types }]) => types.map((type) => `export type ${alias}_${type} = NoneOf<StrictOptional<${alias}.${type}>>;`));
  const errorChecks = errors.map((name) => `export type ${name}_options = NoneOf<StrictOptional<Exclude<ConstructorParameters<typeof S.${name}>[${name === 'SwitchyardError' || name === 'ProviderApiError' ? 2 : 1}], undefined>>>;`);
  return [`import type { NoneOf, StrictOptional } from './strict-optional.ts';`, ...imports, ...checks, ...errorChecks, ''].join('\n');
}

const SUBPATHS = `import { createSwitchyard } from 'switchyard';
import { createGateway, type Gateway, type GatewayLogEntry, type GatewayOptions } from 'switchyard/gateway';
import { createAnthropicMessagesProvider, type AnthropicMessagesConfig } from 'switchyard/adapters/anthropic-messages';
import schema from 'switchyard/config-schema.json' with { type: 'json' };

// The gateway and the Messages base as an application writes them, with settings that may be undefined.
const sy = createSwitchyard({ providers: { openai: { type: 'openai', apiKey: process.env.OPENAI_API_KEY ?? '' } }, state: process.env.REDIS_URL ? { type: 'redis', url: process.env.REDIS_URL } : undefined });
const options: GatewayOptions = { drainMs: process.env.DRAIN_MS ? Number(process.env.DRAIN_MS) : undefined, cors: undefined, log: (entry: GatewayLogEntry) => console.log(entry.level, entry.message), keys: undefined };
const gateway: Gateway = createGateway(sy, options);
const address = await gateway.listen(Number(process.env.PORT) || undefined, process.env.HOST);
const config: AnthropicMessagesConfig = {
  id: 'claude',
  send: async () => { throw new Error('not sent'); },
  bodyFields: { anthropic_version: 'vertex-2023-10-16' },
  modelInBody: false,
  samplingRemoved: false,
  structuredOutput: process.env.NATIVE ? 'native' : undefined,
  defaultMaxTokens: undefined,
};
const claude = createAnthropicMessagesProvider({ id: 'claude', type: 'vertex', capabilities: {}, config });
const title: string = schema.title;
console.log(address.url, gateway.inFlight, claude.id, title, Object.keys(schema.properties).length);
`;

const SMOKE = `// Runs the installed package: the parts loaded on first use must load from where npm put them.
import { createSwitchyard, InvalidRequestError } from 'switchyard';
const config = {
  providers: { openai: { type: 'openai', apiKey: 'sk-consumer-0000', baseURL: 'http://127.0.0.1:9/v1' } },
  models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
  ledger: { type: 'sqlite', path: 'ledger.sqlite' },
};
const sy = createSwitchyard(config, { cwd: process.cwd() });
const invalid = await sy.chat({ model: 'chat', messages: [{ role: 'asistant', content: 'x' }] }).catch((e) => e);
console.log(JSON.stringify({ invalid: InvalidRequestError.isInstance(invalid) && invalid.message, report: JSON.parse(JSON.stringify(await sy.costReport({ since: '1d' }))).total.costNanoUsd }));
await sy.close();
`;

const SUBPATHS_RUN = `// The gateway, the Messages base and the config schema, from where npm installs them.
import { createSwitchyard } from 'switchyard';
import { createGateway } from 'switchyard/gateway';
import { createAnthropicMessagesProvider } from 'switchyard/adapters/anthropic-messages';
import schema from 'switchyard/config-schema.json' with { type: 'json' };
const sy = createSwitchyard({ providers: { openai: { type: 'openai', apiKey: 'sk-consumer-0000', baseURL: 'http://127.0.0.1:9/v1' } }, models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } }, ledger: { type: 'none' } });
const gateway = createGateway(sy);
const { url } = await gateway.listen(0);
const health = (await fetch(url + '/healthz')).status;
const answer = await fetch(url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', messages: [] }) });
const invalid = { status: answer.status, error: (await answer.json()).error };
await gateway.close();
await sy.close();
let sent = 0;
const claude = createAnthropicMessagesProvider({ id: 'claude', type: 'vertex', capabilities: {}, config: { id: 'claude', send: async () => { sent++; throw new Error('sent'); }, bodyFields: {}, modelInBody: false, samplingRemoved: false } });
const rejected = await claude.chat({ model: 'claude-opus-4-6', messages: [] }).catch((e) => e.message);
console.log(JSON.stringify({ health, invalid, rejected, sent, schema: schema.title }));
`;

const LAZY_PARTS = `// Each part loaded on its first use, from where npm installs it: the Responses API, the Redis state (redis installed),
// the PostgreSQL ledger, invoices, reconciliation and cost reports.
import { createSwitchyard, createPostgresLedgerStore, readInvoice, reconcileCosts } from 'switchyard';
import { createOpenAI } from 'switchyard/adapters/openai';
const out = {};
const openai = createOpenAI({ apiKey: 'sk-consumer-0000', baseURL: 'http://127.0.0.1:9/v1', api: 'responses' });
out.responses = await openai.chat({ model: 'gpt-5', messages: [{ role: 'user', content: 'Hi' }], timeoutMs: 5000 }).then(() => 'answered', (e) => e.code);
const streamed = openai.stream({ model: 'gpt-5', messages: [{ role: 'user', content: 'Hi' }], timeoutMs: 5000 })[Symbol.asyncIterator]();
out.responsesStream = await streamed.next().then(() => 'answered', (e) => e.code);
const sy = createSwitchyard({ providers: { openai: { type: 'openai', apiKey: 'sk-consumer-0000' } }, state: { type: 'redis', url: 'redis://127.0.0.1:9/0', timeoutMs: 20 }, ledger: { type: 'memory' } });
out.state = sy.health().state.type;
out.report = JSON.parse(JSON.stringify(await sy.costReport({ since: '1d' }))).total.costNanoUsd;
await sy.close();
const pg = createPostgresLedgerStore({ url: 'postgres://user:pw@127.0.0.1:9/db' });
out.pg = pg.table;
await pg.close();
const invoice = readInvoice('Date,ResourceId,MeterCategory,CostInBillingCurrency\\n11/20/2026,/subscriptions/s/resourceGroups/g/providers/Microsoft.CognitiveServices/accounts/contoso-east,Cognitive Services,12.3456789\\n');
out.invoice = invoice.lines.length;
out.reconcile = typeof reconcileCosts;
console.log(JSON.stringify(out));
`;

const PEERS = `// Optional peers that are not installed: said at once, naming the key and the package to install.
import { createSwitchyard } from 'switchyard';
const seen = {};
try {
  // Two missing peers in one config: both are reported together, before anything connects.
  createSwitchyard({ providers: { azure: { type: 'azure-openai', endpoint: 'https://contoso.openai.azure.com', credential: 'default' } }, state: { type: 'redis', url: 'redis://:s3cret-pw@127.0.0.1:9/0' }, ledger: { type: 'none' } });
} catch (e) { seen.redis = { code: e.code, issues: e.issues, message: e.message }; }
try {
  createSwitchyard({ providers: { azure: { type: 'azure-openai', endpoint: 'https://contoso.openai.azure.com', credential: 'default' } }, ledger: { type: 'none' } });
} catch (e) { seen.azure = e.issues; }
try {
  createSwitchyard({ providers: { vertex: { type: 'vertex', project: 'acme', location: 'us-central1' } }, ledger: { type: 'none' } });
} catch (e) { seen.vertex = e.issues; }
try {
  const { createOpenAIMock } = await import('switchyard/testing');
  createOpenAIMock({ script: { type: 'text', text: 'hi' } });
} catch (e) { seen.testing = { code: e.code, message: e.message }; }
seen.schema = import.meta.resolve('switchyard/config-schema.json').endsWith('/switchyard.schema.json');
console.log(JSON.stringify(seen));
`;

describe('the packed package', () => {
  it('should type-check the main entry and every adapter under strict settings with no optional peer installed (nodenext and bundler)', () => {
    const dir = consumer('core', [], { 'main.ts': MAIN });
    expect(typecheck(dir, 'nodenext', ['main.ts'])).toBe('');
    expect(typecheck(dir, 'bundler', ['main.ts'])).toBe('');
  }, 60_000);

  it('should type-check switchyard/gateway, switchyard/adapters/anthropic-messages and switchyard/config-schema.json with no peer installed', () => {
    // None of these needs a package the application did not install: not redis (the Redis state types), not
    // @anthropic-ai/* (the Messages base), not @portkey-ai/gateway or a server framework (the gateway).
    const dir = consumer('subpaths', [], { 'subpaths.ts': SUBPATHS });
    for (const pkg of ['redis', '@redis/client', '@anthropic-ai/sdk', '@anthropic-ai/vertex-sdk', '@portkey-ai/gateway', 'hono', 'fastify']) expect(existsSync(join(dir, 'node_modules', pkg)), pkg).toBe(false);
    expect(typecheck(dir, 'nodenext', ['subpaths.ts'])).toBe('');
    expect(typecheck(dir, 'bundler', ['subpaths.ts'])).toBe('');
  }, 60_000);

  it('should take undefined for every optional field of the types an application writes (exactOptionalPropertyTypes)', () => {
    const dir = consumer('optional-fields', [], { 'strict-optional.ts': STRICT_OPTIONAL, 'options.ts': optionalFieldsFile(INPUT_TYPES, ERROR_CLASSES) });
    expect(typecheck(dir, 'nodenext', ['options.ts'])).toBe('');
    // The check itself finds what it looks for: a field that refuses undefined, in a map's values too.
    writeFileSync(join(dir, 'refuses.ts'), `import type { NoneOf, StrictOptional } from './strict-optional.ts';\nexport type Bad = NoneOf<StrictOptional<{ a?: string; b?: { c?: number | undefined; d?: boolean } | undefined; e?: Record<string, { f?: string }> | undefined }>>;\n`);
    const refused = typecheck(dir, 'nodenext', ['refuses.ts']);
    for (const path of ['"a"', '"b.d"', '"e.<name>.f"']) expect(refused).toContain(path);
    expect(refused).not.toContain('"b.c"');
  }, 60_000);

  it('should type-check switchyard/testing with msw, its peer', () => {
    const dir = consumer('testing', ['msw'], {
      'testing.ts': `import { createAzureOpenAIMock, createCoreWeaveMock, createOCIMock, createOpenAIMock, createVertexMock, type ScriptStep } from 'switchyard/testing';
const script: ScriptStep[] = [{ type: 'error', status: 429, retryAfterSeconds: 30 }, { type: 'text', text: 'Hi', latencyMs: 300, usage: { inputTokens: 12, outputTokens: 1 } }];
const azure = createAzureOpenAIMock({ endpoint: 'https://contoso-east.openai.azure.com', script });
console.log(azure.requests[0]?.headers['api-key'], azure.handlers.length, createOpenAIMock, createVertexMock, createCoreWeaveMock, createOCIMock);
`,
    });
    writeFileSync(join(dir, 'strict-optional.ts'), STRICT_OPTIONAL);
    writeFileSync(join(dir, 'options.ts'), optionalFieldsFile({ T: { from: 'switchyard/testing', types: ['ScriptStep', 'OpenAIMockOptions', 'AzureOpenAIMockOptions', 'VertexMockOptions', 'CoreWeaveMockOptions', 'OCIMockOptions'] } }, []));
    // msw's own declarations use the DOM's fetch types, so an msw project has the DOM lib.
    for (const resolution of ['nodenext', 'bundler'] as const) expect(typecheck(dir, resolution, ['testing.ts', 'options.ts'], ['es2024', 'dom', 'dom.iterable'])).toBe('');
  }, 60_000);

  it('should type-check switchyard/ai-sdk with @ai-sdk/provider@4, its peer', () => {
    // The models are what ai@7's generateText takes: LanguageModelV4 and EmbeddingModelV4. (ai's own declarations
    // are not Switchyard's to check: under these settings they need the DOM lib and fail on their own.)
    const dir = consumer('ai-sdk', ['@ai-sdk/provider'], {
      'ai.ts': `import type { EmbeddingModelV4, LanguageModelV4, ProviderV4 } from '@ai-sdk/provider';
import { createSwitchyard } from 'switchyard';
import { createSwitchyardProvider } from 'switchyard/ai-sdk';
const switchyard = createSwitchyardProvider(createSwitchyard('switchyard.yaml'), { supportedUrls: undefined });
const model: LanguageModelV4 = switchyard('chat');
const embedding: EmbeddingModelV4 = switchyard.embeddingModel('embed');
const provider: ProviderV4 = switchyard;
const { content } = await model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] });
console.log(content.length, embedding.modelId, provider.specificationVersion);
`,
      // @ai-sdk/provider's own declarations import json-schema's types, which it does not depend on.
      'json-schema.d.ts': `declare module 'json-schema' {\n  export type JSONSchema7 = { [key: string]: unknown };\n  export type JSONSchema7Definition = JSONSchema7 | boolean;\n}\n`,
    });
    writeFileSync(join(dir, 'strict-optional.ts'), STRICT_OPTIONAL);
    writeFileSync(join(dir, 'options.ts'), optionalFieldsFile({ AI: { from: 'switchyard/ai-sdk', types: ['SwitchyardProviderSettings', 'SwitchyardCallOptions'] } }, []));
    for (const resolution of ['nodenext', 'bundler'] as const) expect(typecheck(dir, resolution, ['ai.ts', 'json-schema.d.ts', 'options.ts'])).toBe('');
  }, 60_000);

  it('should take a pg.Pool for the PostgreSQL ledger, typed without needing @types/pg elsewhere', () => {
    const dir = consumer('postgres', ['@types/pg', 'pg-protocol', 'pg-types'], {
      'pg.ts': `import pg from 'pg';
import { createPostgresLedgerStore } from 'switchyard';
const store = createPostgresLedgerStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }), table: undefined });
console.log(store.table);
`,
    });
    expect(typecheck(dir, 'nodenext', ['pg.ts'])).toBe('');
  }, 60_000);

  it('should run from where npm installs it: lazy parts, request validation, JSON reports, the CLI', async () => {
    const dir = consumer('run', [], { 'smoke.mjs': SMOKE, 'peers.mjs': PEERS, 'subpaths.mjs': SUBPATHS_RUN });
    const smoke = await run(process.execPath, ['smoke.mjs'], { cwd: dir });
    expect(smoke.stderr).toBe('');
    expect(JSON.parse(smoke.stdout)).toEqual({ invalid: 'messages[0].role: expected system | user | assistant | tool, found "asistant"', report: '0' });
    const peers = JSON.parse((await run(process.execPath, ['peers.mjs'], { cwd: dir })).stdout);
    expect(peers.azure).toEqual([{ path: 'providers.azure.credential', message: expect.stringContaining('npm install @azure/identity@^4') }]);
    expect(peers.vertex).toEqual([{ path: 'providers.vertex', message: expect.stringContaining('npm install google-auth-library@^10') }]);
    expect(peers.testing).toEqual({ code: 'missing_dependency', message: 'switchyard/testing makes msw handlers, and msw (an optional peer dependency) is not installed: npm install --save-dev msw@^3' });
    expect(peers.schema).toBe(true);
    expect(peers.redis.code).toBe('config');
    expect(peers.redis.issues).toEqual([
      { path: 'state.type', message: 'redis shares the state through the Redis server at state.url with node-redis, the optional peer dependency redis, which is not installed: npm install redis@^6 (or remove state to keep the state in this process)' },
      { path: 'providers.azure.credential', message: expect.stringContaining('npm install @azure/identity@^4') },
    ]);
    expect(peers.redis.message).not.toContain('s3cret-pw');
    const subpaths = await run(process.execPath, ['subpaths.mjs'], { cwd: dir });
    expect(subpaths.stderr).toBe('');
    expect(JSON.parse(subpaths.stdout)).toEqual({
      health: 200,
      invalid: { status: 400, error: expect.objectContaining({ param: 'messages' }) },
      rejected: 'messages: expected at least one message, found an empty list',
      sent: 0,
      schema: 'Switchyard config',
    });
    const version = await run(process.execPath, [join(dir, 'node_modules', 'switchyard', 'dist', 'src', 'cli', 'main.js'), '--version'], { cwd: dir });
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  }, 60_000);

  it('should load each part that is loaded on first use from where npm installs it', async () => {
    const dir = consumer('lazy-parts', ['redis', '@redis/client', '@redis/bloom', '@redis/json', '@redis/search', '@redis/time-series'], { 'parts.mjs': LAZY_PARTS });
    const { stdout, stderr } = await run(process.execPath, ['parts.mjs'], { cwd: dir });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({ responses: 'connection', responsesStream: 'connection', state: 'redis', report: '0', pg: 'switchyard_attempts', invoice: 1, reconcile: 'function' });
  }, 60_000);

  it('should load what a step needs and nothing more: import, createSwitchyard, a YAML file, the first request', async () => {
    // The cold-start figures come from the benchmark; this checks what is loaded when, which decides them.
    const dir = consumer('lazy', [], {
      'loads.mjs': `import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ load(url, context, next) { const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(url.replace(/.*node_modules\\/switchyard\\//, '')); if (m) loaded.add(m[1]); else if (url.includes('/dist/')) loaded.add(url.replace(/.*\\/dist\\//, 'dist/')); return next(url, context); } });
const steps = {};
const snapshot = (name) => { steps[name] = [...loaded].filter((x) => !x.startsWith('dist/')).sort(); steps[name + ' (own)'] = [...loaded].filter((x) => x.startsWith('dist/')).length; };
const { createSwitchyard } = await import('switchyard');
snapshot('import');
const config = { providers: { openai: { type: 'openai', apiKey: 'sk-consumer', baseURL: 'http://127.0.0.1:9/v1' } }, models: { chat: { targets: [{ provider: 'openai', model: 'gpt-4o-2024-08-06' }] } }, ledger: { type: 'sqlite', path: 'ledger.sqlite' } };
const sy = createSwitchyard(config, { cwd: process.cwd() });
snapshot('create');
const { writeFileSync } = await import('node:fs');
writeFileSync('switchyard.yaml', 'providers:\\n  openai: { type: openai, apiKey: sk-consumer }\\nledger: { type: none }\\n');
await createSwitchyard('switchyard.yaml').close();
snapshot('yaml');
await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], timeoutMs: 2000 }).catch(() => {});
snapshot('request');
await sy.close();
console.log(JSON.stringify(steps));
`,
    });
    const steps = JSON.parse((await run(process.execPath, ['loads.mjs'], { cwd: dir })).stdout) as Record<string, string[] | number>;
    expect(steps.import).toEqual([]);
    expect(steps['import (own)']).toBeLessThanOrEqual(12);
    // zod is bundled; the price data, undici, yaml, the OpenTelemetry API and pg are not needed yet.
    expect(steps.create).toEqual([]);
    expect(steps.yaml).toEqual([]);
    // The first request loads undici, and p-retry (the alias has one target, so it may retry).
    expect(steps.request).toEqual(expect.arrayContaining(['undici', 'p-retry']));
    expect(steps.request).not.toContain('@opentelemetry/api');
  }, 60_000);

  it('should refuse an ai older than 7 with what to install', async () => {
    const dir = consumer('old-ai', [], {
      'ai-sdk.mjs': `import { createSwitchyardProvider } from 'switchyard/ai-sdk';\ntry { createSwitchyardProvider({}); } catch (e) { console.log(e.message); }\n`,
    });
    mkdirSync(join(dir, 'node_modules', 'ai'));
    writeFileSync(join(dir, 'node_modules', 'ai', 'package.json'), JSON.stringify({ name: 'ai', version: '6.0.116', type: 'module', main: 'index.js' }));
    const { stdout } = await run(process.execPath, ['ai-sdk.mjs'], { cwd: dir });
    expect(stdout.trim()).toBe('switchyard/ai-sdk makes AI SDK 7 models (language model specification v4), and the installed ai is 6.0.116, which only takes specification v2 and v3 models: npm install ai@^7 @ai-sdk/provider@^4');
  }, 60_000);

  const oldNode = process.env.SWITCHYARD_TEST_NODE_OLD;
  it.skipIf(!oldNode)('should stop on Node.js older than 22.19 with one sentence, before undici is loaded (SWITCHYARD_TEST_NODE_OLD)', async () => {
    const dir = consumer('old-node', [], {
      'import.mjs': `import 'switchyard';\n`,
      'adapter.mjs': `import 'switchyard/adapters/openai';\n`,
      'anthropic.mjs': `import 'switchyard/adapters/anthropic-messages';\n`,
      // The gateway needs a Switchyard, so an application imports the main entry beside it.
      'gateway.mjs': `import { createGateway } from 'switchyard/gateway';\nimport { createSwitchyard } from 'switchyard';\ncreateGateway(createSwitchyard({ providers: { openai: { type: 'openai', apiKey: 'k' } } }));\n`,
    });
    const version = (await run(oldNode as string, ['--version'])).stdout.trim().replace(/^v/, '');
    const sentence = `Switchyard needs Node.js 22.19 or newer; this is ${version}.`;
    for (const file of ['import.mjs', 'adapter.mjs', 'anthropic.mjs', 'gateway.mjs']) {
      const failed = (await run(oldNode as string, [file], { cwd: dir }).catch((e: { code: number; stderr: string }) => e)) as { code: number; stderr: string };
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(sentence);
      expect(failed.stderr).not.toMatch(/undici|reading 'bind'/);
    }
    for (const args of [['report', '--since', '7d'], ['serve', '--port', '0']]) {
      const cli = (await run(oldNode as string, [join(dir, 'node_modules', 'switchyard', 'dist', 'src', 'cli', 'main.js'), ...args], { cwd: dir }).catch((e: unknown) => e)) as { code: number; stderr: string; stdout: string };
      expect(cli).toMatchObject({ code: 1, stdout: '', stderr: `switchyard: ${sentence}\n` });
    }
  }, 60_000);

  const node22 = process.env.SWITCHYARD_TEST_NODE_22;
  it.skipIf(!node22)('should run on Node 22 without printing any warning, SQLite ledger included (SWITCHYARD_TEST_NODE_22)', async () => {
    const dir = consumer('node-22', [], { 'smoke.mjs': SMOKE });
    const { stdout, stderr } = await run(node22 as string, ['smoke.mjs'], { cwd: dir });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).invalid).toMatch(/^messages\[0\]\.role: /);
    expect((await run(node22 as string, ['-e', 'console.log(process.versions.node)'])).stdout).toMatch(/^22\./);
  }, 60_000);
});
