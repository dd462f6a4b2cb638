import { describe, expect, it } from 'vitest';
import { AllAttemptsFailedError } from '../../src/errors/index.ts';
import { estimatePromptTokens } from '../../src/router/estimate-prompt-tokens.ts';
import { createFakeProvider } from './helpers/fake-provider.ts';
import { ask, makeSwitchyard } from './helpers/make-switchyard.ts';

const ok = (text: string) => [{ type: 'text' as const, text }];

function setup(aTarget: Record<string, unknown>, providerConfig: Record<string, Record<string, unknown>> = {}, aCapabilities = {}) {
  const fakes = { a: createFakeProvider('a', ok('from a'), aCapabilities), b: createFakeProvider('b', ok('from b')) };
  const ts = makeSwitchyard(fakes, { providers: providerConfig, models: { chat: { targets: [{ provider: 'a', model: 'small', ...aTarget }, { provider: 'b', model: 'big' }] } } });
  return { ...ts, fakes };
}

describe('capability-aware routing', () => {
  it('should skip a target that cannot call tools, saying why in attempts', async () => {
    const { sy, fakes } = setup({ capabilities: { tools: false } });
    const result = await sy.chat({ model: 'chat', messages: ask('weather?'), tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] });
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toEqual({ provider: 'a', model: 'small', outcome: 'skipped', reason: 'capability: the request has tools and the model does not call tools (capabilities.tools)', latencyMs: 0 });
    expect(fakes.a.calls).toHaveLength(0);
  });

  it('should not skip on tools when the request has none', async () => {
    const { sy } = setup({ capabilities: { tools: false } });
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('a');
  });

  it('should skip a target without images for a request with an image', async () => {
    const { sy } = setup({}, { a: { capabilities: { images: false } } });
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://example.com/cat.png' }] }] });
    expect(result.attempts?.[0]?.reason).toBe('capability: the request has images and the model does not take images (capabilities.images)');
  });

  it('should skip a target without structured output for a JSON schema request, but not for plain JSON', async () => {
    const { sy } = setup({ capabilities: { jsonSchema: false } });
    const withSchema = await sy.chat({ model: 'chat', messages: ask('json'), responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { type: 'string' } } } } });
    expect(withSchema.attempts?.[0]?.reason).toBe('capability: the request asks for a JSON schema and the model has no structured output (capabilities.jsonSchema)');
    const plain = await sy.chat({ model: 'chat', messages: ask('json'), responseFormat: { type: 'json' } });
    expect(plain.provider).toBe('a');
  });

  it('should skip a target whose context window the prompt does not fit', async () => {
    const { sy } = setup({ capabilities: { contextWindow: 1000 } });
    const prompt = 'word '.repeat(1000); // 5000 characters: about 1250 tokens
    const result = await sy.chat({ model: 'chat', messages: ask(prompt) });
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]?.reason).toBe('capability: the prompt (about 1254 tokens) is longer than the context window of 1000 tokens (capabilities.contextWindow)');
  });

  it('should use what the adapter knows about a model, overridden by config', async () => {
    const known = { tools: true, models: { small: { tools: false, contextWindow: 8192 } } };
    const skipped = setup({}, {}, known);
    const tools = [{ name: 'lookup' }];
    expect((await skipped.sy.chat({ model: 'chat', messages: ask('x'), tools })).attempts?.[0]?.outcome).toBe('skipped');
    const overridden = setup({ capabilities: { tools: true } }, {}, known);
    expect((await overridden.sy.chat({ model: 'chat', messages: ask('x'), tools })).provider).toBe('a');
  });

  it('should skip a target without reasoning when the request asks for reasoning, and only then', async () => {
    const { sy, fakes } = setup({ capabilities: { reasoning: false } });
    for (const reasoning of [{ effort: 'low' as const }, { budgetTokens: 2048 }, { summary: true }, { effort: 'none' as const, budgetTokens: 512 }]) {
      const result = await sy.chat({ model: 'chat', messages: ask('Prove it.'), reasoning });
      expect(result.provider).toBe('b');
      expect(result.attempts?.[0]?.reason).toBe('capability: the request asks for reasoning and the model has no reasoning controls (capabilities.reasoning)');
    }
    for (const reasoning of [undefined, {}, { effort: 'none' as const }, { budgetTokens: 0 }, { effort: 'high' as const, budgetTokens: 0 }]) {
      expect((await sy.chat({ model: 'chat', messages: ask('Hi'), ...(reasoning ? { reasoning } : {}) })).provider).toBe('a');
    }
    expect(fakes.a.calls).toHaveLength(5);
  });

  it('should skip a target without documents for a request with a file part, from the provider config or the adapter', async () => {
    const { sy } = setup({}, { a: { capabilities: { documents: false } } });
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarise.' }, { type: 'file', url: 'gs://acme/q3.pdf', mediaType: 'application/pdf' }] }] });
    expect(result.attempts?.[0]?.reason).toBe('capability: the request has documents (file parts) and the model does not take documents (capabilities.documents)');
    expect((await sy.chat({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'image', url: 'https://e.com/a.png' }] }] })).provider).toBe('a');
    const known = setup({}, {}, { models: { small: { reasoning: false, documents: false } } });
    expect((await known.sy.chat({ model: 'chat', messages: ask('x'), reasoning: { effort: 'high' } })).provider).toBe('b');
  });

  it('should skip a model without embeddings for embed calls', async () => {
    const { sy } = setup({ capabilities: { embeddings: false } });
    const result = await sy.embed({ model: 'chat', input: ['hello'] });
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]?.reason).toBe('capability: the model does not make embeddings (capabilities.embeddings)');
    expect(result.embeddings).toEqual([[0.1, 0.2]]);
  });

  it('should fail with every reason when no target can serve the request', async () => {
    const fakes = { a: createFakeProvider('a', ok('a')), b: createFakeProvider('b', ok('b')) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'x', capabilities: { tools: false } }, { provider: 'b', model: 'y', capabilities: { tools: false } }] } } });
    const error = (await sy.chat({ model: 'chat', messages: ask('x'), tools: [{ name: 't' }] }).catch((e: unknown) => e)) as AllAttemptsFailedError;
    expect(AllAttemptsFailedError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'No target of chat could serve the chat call:\n' +
        '  - a/x: skipped (capability: the request has tools and the model does not call tools (capabilities.tools))\n' +
        '  - b/y: skipped (capability: the request has tools and the model does not call tools (capabilities.tools))',
    );
  });
});

describe('estimatePromptTokens', () => {
  it('should count characters / 4 of messages, tool calls and tools, plus 4 per message', () => {
    expect(estimatePromptTokens({ model: 'm', messages: [{ role: 'system', content: 'x'.repeat(40) }, { role: 'user', content: [{ type: 'text', text: 'y'.repeat(40) }, { type: 'image', url: 'https://e.com/i.png' }] }] })).toBe(28);
    expect(estimatePromptTokens({ model: 'm', messages: [{ role: 'assistant', content: null, toolCalls: [{ id: '1', name: 'abcd', arguments: { q: 'x' } }] }] })).toBe(Math.ceil((4 + 9) / 4) + 4);
    expect(estimatePromptTokens({ model: 'm', input: ['a'.repeat(10), 'b'.repeat(400)] })).toBe(100);
  });
});

describe('policies', () => {
  const tagged = () => {
    const fakes = { us: createFakeProvider('us', ok('us')), eu: createFakeProvider('eu', ok('eu')), eu2: createFakeProvider('eu2', ok('eu2')) };
    return { fakes, config: { providers: { us: { tags: ['us'] }, eu: { tags: ['eu', 'gdpr'] }, eu2: { tags: ['eu'] } } } };
  };

  it('should keep only providers with the alias require.tags', async () => {
    const { fakes, config } = tagged();
    const { sy } = makeSwitchyard(fakes, { ...config, models: { chat: { require: { tags: ['eu'] }, targets: [{ provider: 'us', model: 'm' }, { provider: 'eu', model: 'm' }] } } });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.provider).toBe('eu');
    expect(result.attempts?.[0]).toMatchObject({ provider: 'us', outcome: 'skipped', reason: 'policy: provider us lacks the required tag eu (require.tags)' });
    expect(fakes.us.calls).toHaveLength(0);
  });

  it('should let a request narrow routing further with its own require.tags', async () => {
    const { fakes, config } = tagged();
    const { sy } = makeSwitchyard(fakes, { ...config, models: { chat: { require: { tags: ['eu'] }, targets: [{ provider: 'eu2', model: 'm' }, { provider: 'eu', model: 'm' }] } } });
    const result = await sy.chat({ model: 'chat', messages: ask('hi'), require: { tags: ['gdpr'] }, tags: { tenant: 'acme' } });
    expect(result.provider).toBe('eu');
    expect(result.attempts?.[0]?.reason).toBe('policy: provider eu2 lacks the required tag gdpr (require.tags)');
  });

  it('should fail when no provider meets the request policy', async () => {
    const { fakes, config } = tagged();
    const { sy } = makeSwitchyard(fakes, { ...config, models: { chat: { targets: [{ provider: 'us', model: 'm' }] } } });
    await expect(sy.chat({ model: 'chat', messages: ask('hi'), require: { tags: ['eu', 'gdpr'] } })).rejects.toThrow('No target of chat could serve the chat call:\n  - us/m: skipped (policy: provider us lacks the required tags eu, gdpr (require.tags))');
  });
});
