import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicMessagesProvider } from '../../adapters/anthropic-messages/index.ts';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createOpenAICompatibleProvider } from '../../adapters/openai-compatible/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { InvalidRequestError } from '../../src/errors/invalid-request-error.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { Provider } from '../../src/types/provider.ts';
import { checkChatRequest } from '../../src/validation/check-chat-request.ts';
import { checkEmbedRequest } from '../../src/validation/check-embed-request.ts';
import { CHECKED_REQUEST, validateChatRequest } from '../../src/validation/validate-request.ts';
import { createFakeProvider } from '../router/helpers/fake-provider.ts';
import { makeSwitchyard } from '../router/helpers/make-switchyard.ts';
import { network } from '../setup/network.ts';

const user = (content: string) => ({ role: 'user' as const, content });
const base: ChatRequest = { model: 'chat', messages: [user('Hello')] };
/** A request built from loose JSON, as a JavaScript caller or a gateway would pass it. */
const loose = (fields: Record<string, unknown>) => ({ ...base, ...fields }) as unknown as ChatRequest;

async function rejection(promise: Promise<unknown>): Promise<InvalidRequestError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(InvalidRequestError.isInstance(error), String(error)).toBe(true);
  return error as InvalidRequestError;
}

describe('checkChatRequest', () => {
  it('should accept the whole current contract: every field, every part and role', () => {
    const full: ChatRequest = {
      model: 'chat',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', url: 'https://example.com/cat.png' },
            { type: 'image', data: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' },
            { type: 'file', url: 'gs://acme/report.pdf', mediaType: 'application/pdf', filename: 'report.pdf' },
            { type: 'file', data: 'JVBERi0xLjQK', mediaType: 'application/pdf' },
          ],
        },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Accra' } }], reasoning: { text: 'I should look it up.', providerData: { format: 'openai-responses', provider: 'openai', items: [{ encrypted_content: 'gAAAA' }] } } },
        { role: 'tool', toolCallId: 'call_1', name: 'get_weather', content: '{"sky":"clear"}' },
        { role: 'assistant', content: null, reasoning: { providerData: { format: 'gemini', provider: 'vertex', signatures: ['c2ln'] } } },
      ],
      maxTokens: 256,
      temperature: 0,
      topP: 1,
      stop: ['\n\n'],
      seed: 42,
      tools: [{ name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
      toolChoice: { name: 'get_weather' },
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer', strict: true, description: 'The answer' },
      reasoning: { effort: 'xhigh', budgetTokens: 0, summary: true },
      cacheKey: 'tenant-acme',
      cache: { breakpoints: ['system', 'tools', 'history'] },
      serviceTier: 'flex',
      spillover: { deployment: 'gpt4o-paygo' },
      requestType: 'priority',
      signal: new AbortController().signal,
      timeoutMs: 30_000,
      idleTimeoutMs: 15_000,
      providerOptions: { openai: { user: 'u-1' } },
      tags: { tenant: 'acme' },
      require: { tags: ['eu'] },
    };
    expect(checkChatRequest(full)).toBeUndefined();
    // Undefined optional fields are absent fields (the router sets `timeoutMs: undefined` on what it sends).
    expect(checkChatRequest({ ...base, maxTokens: undefined, timeoutMs: undefined, tools: undefined })).toBeUndefined();
    // Objects that satisfy the contract may carry more: a result's tool calls passed back as they are.
    expect(checkChatRequest({ ...base, messages: [user('Hi'), { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 't', arguments: {}, rawArguments: '{}' }] as never }] })).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a role typo', { messages: [user('a'), { role: 'assistant', content: 'b' }, { role: 'asistant', content: 'c' }] }, 'messages[2].role', 'expected system | user | assistant | tool, found "asistant"'],
    ['no messages', { messages: [] }, 'messages', 'expected at least one message, found an empty list'],
    ['messages missing', { messages: undefined }, 'messages', 'expected a list of messages such as [{ role: "user", content: "Hello" }], found nothing'],
    ['a negative maxTokens', { maxTokens: -5 }, 'maxTokens', 'expected a whole number of tokens, at least 1, found -5'],
    ['a fractional maxTokens', { maxTokens: 10.5 }, 'maxTokens', 'expected a whole number of tokens, at least 1, found 10.5'],
    ['a string temperature', { temperature: '0.2' }, 'temperature', 'expected a number of 0 or more, found "0.2"'],
    ['topP above 1', { topP: 1.5 }, 'topP', 'expected a number from 0 to 1, found 1.5'],
    ['a snake_case field', { max_tokens: 100 }, 'max_tokens', 'unknown field; did you mean maxTokens?'],
    ['a missing model', { model: '' }, 'model', 'expected a model id, alias or providerId:model (a non-empty string), found an empty string'],
    ['content of the wrong type', { messages: [{ role: 'user', content: 42 }] }, 'messages[0].content', 'expected a string or a list of parts (text, image, file), found 42'],
    ['an image in a system message', { messages: [{ role: 'system', content: [{ type: 'image', url: 'https://x/y.png' }] }, user('a')] }, 'messages[0].content[0].type', 'expected text (only user messages take images and files), found "image"'],
    ['a file without a media type', { messages: [{ role: 'user', content: [{ type: 'file', url: 'https://x/y.pdf' }] }] }, 'messages[0].content[0].mediaType', 'expected the MIME type of the file, such as application/pdf, found nothing'],
    ['an image with both url and data', { messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x', data: 'AAAA', mediaType: 'image/png' }] }] }, 'messages[0].content[0]', 'expected either url or data, found both'],
    ['a tool result without its call id', { messages: [user('a'), { role: 'tool', content: '{}' }] }, 'messages[1].toolCallId', 'expected the id of the tool call this answers (a non-empty string), found nothing'],
    ['tool_call_id from the OpenAI wire', { messages: [user('a'), { role: 'tool', content: '{}', tool_call_id: 'c1' }] }, 'messages[1].tool_call_id', 'unknown field; did you mean toolCallId?'],
    ['an assistant message with nothing in it', { messages: [user('a'), { role: 'assistant', content: null }] }, 'messages[1].content', 'expected text or text parts (null only with toolCalls), found null'],
    ['a tool call without an id', { messages: [user('a'), { role: 'assistant', content: null, toolCalls: [{ name: 't', arguments: {} }] }] }, 'messages[1].toolCalls[0].id', "expected the call's id (a non-empty string), found nothing"],
    ['assistant reasoning that is not an object', { messages: [user('a'), { role: 'assistant', content: 'x', reasoning: 'thought' }] }, 'messages[1].reasoning', 'expected the reasoning a result returned ({ text?, providerData? }), found "thought"'],
    ['a tool name with spaces', { tools: [{ name: 'get weather' }] }, 'tools[0].name', 'expected a name of letters, digits, _ and -, at most 64 characters, found "get weather"'],
    ['two tools with one name', { tools: [{ name: 't' }, { name: 't' }] }, 'tools[1].name', 'expected a name no other tool has, found "t" again'],
    ['a tool choice naming no tool', { tools: [{ name: 'a' }], toolChoice: { name: 'b' } }, 'toolChoice.name', 'expected one of the tools (a), found "b"'],
    ['required tool choice without tools', { toolChoice: 'required' }, 'toolChoice', 'expected tools to choose from: toolChoice "required" needs at least one tool in tools'],
    ['a response format type typo', { responseFormat: { type: 'json_schema' } }, 'responseFormat.type', 'expected text | json, found "json_schema"'],
    ['an unknown reasoning effort', { reasoning: { effort: 'max' } }, 'reasoning.effort', 'expected none | minimal | low | medium | high | xhigh, found "max"'],
    ['a negative reasoning budget', { reasoning: { budgetTokens: -1 } }, 'reasoning.budgetTokens', 'expected a whole number of tokens, 0 or more, found -1'],
    ['an unknown cache breakpoint', { cache: { breakpoints: ['messages'] } }, 'cache.breakpoints[0]', 'expected system | tools | history, found "messages"'],
    ['an empty cacheKey', { cacheKey: '' }, 'cacheKey', 'expected a non-empty string, found an empty string'],
    ['an unknown service tier', { serviceTier: 'scale' }, 'serviceTier', 'expected auto | default | flex | priority, found "scale"'],
    ['a non-numeric timeout', { timeoutMs: '30s' }, 'timeoutMs', 'expected a number of milliseconds above 0, found "30s"'],
    ['a tag that is not a string', { tags: { tenant: 7 } }, 'tags.tenant', 'expected a string, found 7'],
    ['provider options that are not objects', { providerOptions: { openai: 'flex' } }, 'providerOptions.openai', 'expected an object of raw request fields for that provider type'],
    ['a signal that is not one', { signal: 'abort' }, 'signal', 'expected an AbortSignal, found "abort"'],
    ['an idle timeout of 0', { idleTimeoutMs: 0 }, 'idleTimeoutMs', 'expected a number of milliseconds above 0, found 0'],
    ['an idle timeout in seconds as text', { idleTimeoutMs: '30s' }, 'idleTimeoutMs', 'expected a number of milliseconds above 0, found "30s"'],
    ['a timeout no timer can hold', { timeoutMs: 2 ** 31 }, 'timeoutMs', 'expected a number of milliseconds above 0 and at most 2147483647 (about 24.8 days), found 2147483648'],
    ['a spillover deployment as a bare name', { spillover: 'gpt4o-paygo' }, 'spillover', 'expected an object such as { deployment: "gpt4o-paygo" }, found "gpt4o-paygo"'],
    ['a spillover without its deployment', { spillover: {} }, 'spillover.deployment', 'expected the name of a standard deployment (a non-empty string), found nothing'],
    ['a spillover key typo', { spillover: { deploymnet: 'paygo' } }, 'spillover.deploymnet', 'unknown field; did you mean deployment?'],
    ['a Vertex header value as the request type', { requestType: 'dedicated' }, 'requestType', 'expected provisioned | shared | priority | flex, found "dedicated"'],
    ['an idle timeout without its unit', { idleTimeout: 30_000 }, 'idleTimeout', 'unknown field; did you mean idleTimeoutMs?'],
    ['request_type from the wire', { request_type: 'flex' }, 'request_type', 'unknown field; did you mean requestType?'],
    ['a require key typo', { require: { tag: ['eu'] } }, 'require.tag', 'unknown field; did you mean tags?'],
    ['reasoning state without its tags', { messages: [user('a'), { role: 'assistant', content: 'b', reasoning: { providerData: { signatures: ['c2ln'] } } }] }, 'messages[1].reasoning.providerData.format', 'expected the wire format that produced the state (openai-responses, gemini, anthropic-messages), as the result returned it, found nothing'],
    ['reasoning state without its provider', { messages: [user('a'), { role: 'assistant', content: 'b', reasoning: { providerData: { format: 'gemini', provider: '' } } }] }, 'messages[1].reasoning.providerData.provider', 'expected the id of the provider that produced the state, as the result returned it, found an empty string'],
    ['reasoning state that is text', { messages: [user('a'), { role: 'assistant', content: 'b', reasoning: { providerData: 'gAAAA' } }] }, 'messages[1].reasoning.providerData', 'expected a result\'s reasoningState.providerData, as it was returned ({ format, provider, … }), found "gAAAA"'],
    ['a file part with both url and data', { messages: [{ role: 'user', content: [{ type: 'file', url: 'gs://a/b.pdf', data: 'JVBERi0=', mediaType: 'application/pdf' }] }] }, 'messages[0].content[0]', 'expected either url or data, found both'],
    ['a file name that is not text', { messages: [{ role: 'user', content: [{ type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 7 }] }] }, 'messages[0].content[0].filename', 'expected a string, found 7'],
    ['a file part key typo', { messages: [{ role: 'user', content: [{ type: 'file', url: 'gs://a/b.pdf', mediaType: 'application/pdf', fileName: 'b.pdf' }] }] }, 'messages[0].content[0].fileName', 'unknown field; did you mean filename?'],
  ])('should reject %s, naming the field', (_, fields, field, message) => {
    expect(checkChatRequest(loose(fields))).toEqual({ field, message });
  });

  it('should never show the text of a prompt in an error', () => {
    const secretPrompt = 'My account number is 12345678 and my password is hunter2, please help';
    expect(checkChatRequest(loose({ messages: [{ role: 'human', content: secretPrompt }] }))?.message).not.toContain('hunter2');
    expect(checkChatRequest(loose({ messages: [{ role: secretPrompt, content: 'x' }] }))?.message).toBe(`expected system | user | assistant | tool, found a string of ${secretPrompt.length} characters`);
  });
});

describe('checkEmbedRequest', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a single text instead of a list', { input: 'hello' }, 'input', 'expected a list of texts (wrap a single text in a list: input: ["hello"]), found "hello"'],
    ['no texts', { input: [] }, 'input', 'expected at least one text, found an empty list'],
    ['an empty text', { input: ['a', ''] }, 'input[1]', 'expected a non-empty string, found an empty string'],
    ['dimensions of 0', { input: ['a'], dimensions: 0 }, 'dimensions', 'expected a whole number above 0, found 0'],
    ['fractional dimensions', { input: ['a'], dimensions: 255.5 }, 'dimensions', 'expected a whole number above 0, found 255.5'],
    ['dimensions as text', { input: ['a'], dimensions: '256' }, 'dimensions', 'expected a whole number above 0, found "256"'],
    ['a singular dimensions', { input: ['a'], dimension: 256 }, 'dimension', 'unknown field; did you mean dimensions?'],
  ])('should reject %s', (_, fields, field, message) => {
    expect(checkEmbedRequest({ model: 'embed', ...fields })).toEqual({ field, message });
  });

  it('should accept a valid request', () => {
    expect(checkEmbedRequest({ model: 'embed', input: ['a', 'b'], dimensions: 256, tags: { tenant: 'acme' }, timeoutMs: 5000 } satisfies EmbedRequest)).toBeUndefined();
  });
});

describe('createSwitchyard request validation', () => {
  // invalid-request in fallbackOn: a provider's 400 would fail over, but a request Switchyard rejects never does.
  const setup = () => {
    const fakes = { primary: createFakeProvider('primary', [{ type: 'text', text: 'ok' }]), fallback: createFakeProvider('fallback', [{ type: 'text', text: 'ok' }]) };
    const targets = [{ provider: 'primary', model: 'm1' }, { provider: 'fallback', model: 'm2' }];
    const t = makeSwitchyard(fakes, { models: { chat: { targets, fallbackOn: ['invalid-request', 'unavailable'] }, embed: { targets, fallbackOn: ['invalid-request'] } } });
    return { ...t, fakes };
  };

  it('should reject chat, stream and embed before any target is tried, and never fail over', async () => {
    const { sy, fakes, events, meter } = setup();
    const chat = await rejection(sy.chat(loose({ messages: [user('a'), user('b'), { role: 'asistant', content: 'c' }] })));
    expect(chat.message).toBe('messages[2].role: expected system | user | assistant | tool, found "asistant"');
    expect(chat).toMatchObject({ code: 'invalid_request', local: true, field: 'messages[2].role', status: 400, retryable: false });
    const iterator = sy.stream(loose({ maxTokens: -5 }))[Symbol.asyncIterator]();
    expect((await rejection(iterator.next())).message).toBe('maxTokens: expected a whole number of tokens, at least 1, found -5');
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    const embed = await rejection(sy.embed({ model: 'embed', input: 'hello' } as unknown as EmbedRequest));
    expect(embed.field).toBe('input');
    expect(fakes.primary.calls).toEqual([]);
    expect(fakes.fallback.calls).toEqual([]);
    expect(events.filter((e) => e.name === 'attempt-start' || e.name === 'failover')).toEqual([]);
    expect(meter.records).toEqual([]);
    expect(meter.reserved).toEqual([]);
    await sy.close();
  });

  it('should check a request once: the attempts it hands to adapters are marked as checked', async () => {
    const { sy, fakes } = setup();
    await sy.chat(loose({ idleTimeoutMs: 5_000, spillover: { deployment: 'paygo' } }));
    const sent = fakes.primary.calls[0]?.request as ChatRequest & Record<symbol, unknown>;
    expect(sent[CHECKED_REQUEST]).toBe(sent);
    // The caller's own objects never carry the mark, so a request from outside is always checked; and a copy of an
    // attempt's request (a provider that wraps another and changes a field) is checked again.
    expect(() => validateChatRequest(loose({ maxTokens: 0 }))).toThrow('maxTokens: expected a whole number of tokens, at least 1, found 0');
    expect(() => validateChatRequest({ ...sent, maxTokens: 0 })).toThrow('maxTokens: expected a whole number of tokens, at least 1, found 0');
    expect(() => validateChatRequest(sent)).not.toThrow();
    await sy.close();
  });

  it('should say what is missing instead of a TypeError from deep inside', async () => {
    const { sy } = setup();
    const error = await rejection(sy.chat({ model: 'chat' } as ChatRequest));
    expect(error.message).toBe('messages: expected a list of messages such as [{ role: "user", content: "Hello" }], found nothing');
    expect((await rejection(sy.chat(undefined as unknown as ChatRequest))).field).toBe('request');
    await sy.close();
  });
});

describe('the adapters reject invalid requests before sending', () => {
  let sent = 0;
  afterEach(() => {
    sent = 0;
  });
  const countEverything = () => network.use(http.all('*', () => (sent++, HttpResponse.json({}, { status: 500 }))));
  const viaSend = () => {
    sent++;
    return Promise.reject(new Error('nothing should be sent'));
  };
  // [name, provider id, the provider, the model its chat requests name]
  const adapters: Array<[string, string, () => Provider, string]> = [
    ['openai (Chat Completions)', 'openai', () => createOpenAI({ apiKey: 'sk-test-0000' }), 'gpt-4o'],
    ['openai (Responses API)', 'openai', () => createOpenAI({ apiKey: 'sk-test-0000', api: 'responses' }), 'gpt-5'],
    ['openai (withApi responses)', 'openai', () => createOpenAI({ apiKey: 'sk-test-0000' }).withApi?.('responses') as Provider, 'gpt-5'],
    ['azure-openai (classic)', 'azure-openai', () => createAzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiKey: 'k', apiVersion: '2024-10-21' }), 'prod-gpt4o'],
    ['azure-openai (v1, Responses API)', 'azure-openai', () => createAzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiKey: 'k', apiVersion: 'v1', api: 'responses' }), 'prod-gpt5'],
    ['vertex (Gemini)', 'vertex', () => createVertex({ project: 'acme', location: 'us-central1', accessToken: 'ya29.test', env: {} }), 'gemini-2.5-flash'],
    ['vertex (Claude)', 'vertex', () => createVertex({ project: 'acme', location: 'us-east5', accessToken: 'ya29.test', env: {} }), 'claude-sonnet-4-5@20250929'],
    ['vertex (publisher: anthropic)', 'vertex', () => createVertex({ project: 'acme', location: 'global', accessToken: 'ya29.test', publisher: 'anthropic', env: {} }), 'acme-tuned-claude'],
    ['coreweave', 'coreweave', () => createCoreWeave({ baseURL: 'https://llm.acme.example/v1', apiKey: 'cw' }), 'meta-llama/Llama-3.3-70B-Instruct'],
    ['oci (Chat Completions)', 'oci', () => createOCI({ region: 'us-chicago-1', apiKey: 'oci-key', compartmentId: 'ocid1.compartment.oc1..aaaa' }), 'xai.grok-4'],
    ['oci (Responses API)', 'oci', () => createOCI({ region: 'us-chicago-1', apiKey: 'oci-key', compartmentId: 'ocid1.compartment.oc1..aaaa', api: 'responses' }), 'openai.gpt-oss-120b'],
    [
      'openai-compatible, created directly (Responses API)',
      'local',
      () => createOpenAICompatibleProvider({ id: 'local', type: 'openai', url: (op) => `http://127.0.0.1:9/v1/${op}`, headers: () => ({}), secrets: () => [], capabilities: {}, api: 'responses', apis: ['chat', 'responses'] }),
      'local-model',
    ],
    [
      'anthropic-messages, created directly',
      'claude-platform',
      () => createAnthropicMessagesProvider({ id: 'claude-platform', type: 'vertex', capabilities: {}, config: { id: 'claude-platform', send: viaSend, bodyFields: { anthropic_version: 'vertex-2023-10-16' }, modelInBody: false, samplingRemoved: false } }),
      'claude-opus-4-6',
    ],
  ];

  it.each(adapters)('%s: chat, stream and embed', async (_, id, create, model) => {
    countEverything();
    const provider = create();
    const chat = await rejection(provider.chat(loose({ model, messages: [user('a'), { role: 'user', content: [{ type: 'txt', text: 'b' }] }] })));
    expect(chat.message).toBe('messages[1].content[0].type: expected text | image | file, found "txt"');
    expect(chat).toMatchObject({ provider: id, local: true });
    const stream = provider.stream(loose({ model, messages: [] }))[Symbol.asyncIterator]();
    expect((await rejection(stream.next())).field).toBe('messages');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    const idle = provider.stream(loose({ model, idleTimeoutMs: -1 }))[Symbol.asyncIterator]();
    expect((await rejection(idle.next())).message).toBe('idleTimeoutMs: expected a number of milliseconds above 0, found -1');
    const state = await rejection(provider.chat(loose({ model, messages: [user('a'), { role: 'assistant', content: 'b', reasoning: { providerData: { items: [] } } }, user('c')] })));
    expect(state.field).toBe('messages[1].reasoning.providerData.format');
    expect((await rejection(provider.embed({ model: 'text-embedding-3-small', input: ['ok', 3] } as unknown as EmbedRequest))).message).toBe('input[1]: expected a non-empty string, found 3');
    expect((await rejection(provider.embed({ model: 'text-embedding-3-small', input: ['ok'], dimensions: -256 }))).field).toBe('dimensions');
    expect(sent).toBe(0);
  });
});
