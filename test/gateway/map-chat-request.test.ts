import { describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../../src/gateway/gateway-request-error.ts';
import { mapChatRequest } from '../../src/gateway/wire/map-chat-request.ts';
import { mapEmbeddingsRequest } from '../../src/gateway/wire/map-embeddings-request.ts';

const refusal = (body: unknown) => {
  try {
    mapChatRequest(body);
  } catch (error) {
    if (error instanceof GatewayRequestError) return { status: error.status, message: error.message, param: error.param, code: error.code };
    throw error;
  }
  return undefined;
};
const user = [{ role: 'user', content: 'Hi' }];

describe('mapChatRequest', () => {
  it('should map every supported field', () => {
    const mapped = mapChatRequest({
      model: 'chat',
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Read this' }, { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0xLjQ=', filename: 'a.pdf' } }] },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }], tool_calls: [] },
      ],
      max_completion_tokens: 100,
      max_tokens: 5,
      temperature: 0,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      reasoning_effort: 'low',
      service_tier: 'flex',
      prompt_cache_key: 'tenant-42',
      response_format: { type: 'json_object' },
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      user: 'u-1',
      metadata: { a: 'b' },
      n: 1,
      parallel_tool_calls: true,
      store: false,
      presence_penalty: 0,
      logprobs: null,
    });
    expect(mapped).toEqual({
      stream: true,
      includeUsage: true,
      request: {
        model: 'chat',
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Read this' }, { type: 'file', data: 'JVBERi0xLjQ=', mediaType: 'application/pdf', filename: 'a.pdf' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'No.' }] },
        ],
        maxTokens: 100,
        temperature: 0,
        topP: 0.9,
        stop: ['END'],
        seed: 7,
        reasoning: { effort: 'low' },
        serviceTier: 'flex',
        cacheKey: 'tenant-42',
        responseFormat: { type: 'json' },
      },
    });
  });

  it('should treat null as absent, as OpenAI does', () => {
    expect(mapChatRequest({ model: 'chat', messages: user, temperature: null, tools: null, stop: null, max_tokens: null, stream: null })).toEqual({ stream: false, includeUsage: false, request: { model: 'chat', messages: [{ role: 'user', content: 'Hi' }] } });
  });

  it('should refuse settings it cannot honour, naming them', () => {
    expect(refusal({ model: 'chat', messages: user, n: 2 })).toMatchObject({ status: 400, param: 'n', code: 'unsupported_parameter' });
    expect(refusal({ model: 'chat', messages: user, frequency_penalty: 0.5 })).toMatchObject({ param: 'frequency_penalty', code: 'unsupported_parameter' });
    expect(refusal({ model: 'chat', messages: user, parallel_tool_calls: false })).toMatchObject({ param: 'parallel_tool_calls' });
    expect(refusal({ model: 'chat', messages: user, logprobs: true })).toMatchObject({ param: 'logprobs' });
    expect(refusal({ model: 'chat', messages: user, functions: [] })).toMatchObject({ param: 'functions', code: 'unknown_parameter', message: 'Unrecognized request argument supplied: functions' });
    expect(refusal({ model: 'chat', messages: user, constructor: 1 })).toMatchObject({ param: 'constructor', code: 'unknown_parameter' });
    expect(refusal({ model: 'chat', messages: user, service_tier: 'scale' })).toMatchObject({ param: 'service_tier' });
    expect(refusal({ model: 'chat', messages: user, tools: [{ type: 'custom', custom: { name: 'x' } }] })).toMatchObject({ param: 'tools[0].type', code: 'unsupported_parameter' });
    expect(refusal({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] }] })).toMatchObject({ param: 'messages[0].content[0].type', code: 'unsupported_parameter' });
    expect(refusal({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] })).toMatchObject({ param: 'messages[0].content[0].file.file_id' });
    expect(refusal({ model: 'chat', messages: [{ role: 'function', name: 'f', content: 'x' }] })).toMatchObject({ param: 'messages[0].role' });
    expect(refusal({ model: 'chat', messages: user, stream_options: { include_usage: true } })).toMatchObject({ param: 'stream_options' });
  });

  it('should say what is wrong with a malformed request', () => {
    expect(refusal([])).toMatchObject({ param: 'body', message: 'body: expected an object, found an array' });
    expect(refusal({ messages: user })).toMatchObject({ param: 'model', message: 'model: expected a string, found nothing' });
    expect(refusal({ model: '', messages: user })).toMatchObject({ param: 'model' });
    expect(refusal({ model: 'chat', messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({ param: 'messages[0].role', message: 'messages[0].role: expected "system", "developer", "user", "assistant" or "tool", found "robot"' });
    expect(refusal({ model: 'chat', messages: [{ role: 'user', content: 7 }] })).toMatchObject({ param: 'messages[0].content', message: 'messages[0].content: expected a string or an array of content parts, found a number' });
    expect(refusal({ model: 'chat', messages: [{ role: 'tool', content: 'x' }] })).toMatchObject({ param: 'messages[0].tool_call_id' });
    expect(refusal({ model: 'chat', messages: user, max_tokens: 0 })).toMatchObject({ param: 'max_tokens', message: 'max_tokens: expected an integer of at least 1, found 0' });
    expect(refusal({ model: 'chat', messages: user, tool_choice: 'sometimes' })).toMatchObject({ param: 'tool_choice' });
    expect(refusal({ model: 'chat', messages: user, response_format: { type: 'json_schema', json_schema: { schema: {} } } })).toMatchObject({ param: 'response_format.json_schema.name' });
  });
});

describe('mapEmbeddingsRequest', () => {
  it('should map text inputs and refuse token arrays', () => {
    expect(mapEmbeddingsRequest({ model: 'embed', input: 'one', dimensions: 256, encoding_format: 'base64', user: 'u' })).toEqual({ encoding: 'base64', request: { model: 'embed', input: ['one'], dimensions: 256 } });
    expect(() => mapEmbeddingsRequest({ model: 'embed', input: [[1, 2, 3]] })).toThrow(/token arrays cannot be routed/);
    expect(() => mapEmbeddingsRequest({ model: 'embed', input: [] })).toThrow(/non-empty array of strings/);
  });
});
