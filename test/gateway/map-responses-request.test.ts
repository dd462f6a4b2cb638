import { describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../../src/gateway/gateway-request-error.ts';
import { mapResponsesRequest } from '../../src/gateway/wire/map-responses-request.ts';
import { decodeReasoningState, encodeReasoningState } from '../../src/gateway/wire/reasoning-state-codec.ts';

const refusal = (body: unknown) => {
  try {
    mapResponsesRequest(body);
  } catch (error) {
    if (error instanceof GatewayRequestError) return { status: error.status, message: error.message, param: error.param, code: error.code };
    throw error;
  }
  return undefined;
};

const openaiState = { format: 'openai-responses', provider: 'main', items: [{ type: 'reasoning', id: 'rs_up_1', summary: [], encrypted_content: 'gAAAAABxyz' }] };
const geminiState = { format: 'gemini', provider: 'vertex', signatures: ['c2lnbmF0dXJl'] };

describe('mapResponsesRequest', () => {
  it('should map every supported field', () => {
    const mapped = mapResponsesRequest({
      model: 'chat',
      instructions: 'Be brief.',
      input: 'Hi',
      max_output_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      tools: [{ type: 'function', name: 'lookup', description: 'Looks up', parameters: { type: 'object', properties: {} }, strict: true, defer_loading: false }],
      tool_choice: 'required',
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true, description: 'The answer' }, verbosity: 'medium' },
      reasoning: { effort: 'high', summary: 'detailed' },
      service_tier: 'flex',
      prompt_cache_key: 'conv-1',
      include: ['reasoning.encrypted_content', 'message.input_image.image_url'],
      stream: true,
      stream_options: { include_obfuscation: false },
      store: false,
      parallel_tool_calls: true,
      truncation: 'disabled',
      metadata: { a: 'b' },
      user: 'u-1',
      safety_identifier: 's-1',
      previous_response_id: null,
    });
    expect(mapped.request).toEqual({
      model: 'chat',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      tools: [{ name: 'lookup', description: 'Looks up', parameters: { type: 'object', properties: {} }, strict: true }],
      toolChoice: 'required',
      responseFormat: { type: 'json', name: 'answer', schema: { type: 'object' }, strict: true, description: 'The answer' },
      reasoning: { effort: 'high', summary: true },
      serviceTier: 'flex',
      cacheKey: 'conv-1',
    });
    expect(mapped.stream).toBe(true);
    expect(mapped.includeReasoningState).toBe(true);
    expect(mapped.echo).toMatchObject({ instructions: 'Be brief.', max_output_tokens: 100, reasoning: { effort: 'high', summary: 'detailed' }, metadata: { a: 'b' }, user: 'u-1', tool_choice: 'required' });
  });

  it('should map input items: roles, content parts, assistant turns with calls and reasoning state, tool outputs', () => {
    const { request } = mapResponsesRequest({
      model: 'chat',
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: 'Use tools.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Compare' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' }, { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' }, { type: 'input_file', file_url: 'https://example.com/b.pdf' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: encodeReasoningState(openaiState) },
        { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Checking.', annotations: [] }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'lookup', arguments: '{"q":"a"}', status: 'completed' },
        { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'found' }] },
        // The next turn: a summary first, its state in a reasoning item at the end (as a streamed answer hands them out).
        { type: 'reasoning', id: 'rs_2', summary: [{ type: 'summary_text', text: 'Done.' }] },
        { role: 'assistant', content: 'It is a.' },
        { type: 'reasoning', id: 'rs_3', summary: [], encrypted_content: encodeReasoningState(geminiState) },
        // Two responses' items back to back: two turns.
        { type: 'reasoning', id: 'rs_4', summary: [], encrypted_content: encodeReasoningState(openaiState) },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No more.' }] },
        { role: 'user', content: 'Thanks' },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Use tools.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
          { type: 'file', url: 'https://example.com/b.pdf', mediaType: 'application/pdf' },
        ],
      },
      { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"a"}' }], reasoning: { text: 'Look it up.', providerData: openaiState } },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'found' }] },
      { role: 'assistant', content: 'It is a.', reasoning: { text: 'Done.', providerData: geminiState } },
      { role: 'assistant', content: 'No more.', reasoning: { providerData: openaiState } },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('should refuse what it cannot carry with a 400 that names the field', () => {
    const base = { model: 'chat', input: 'Hi' };
    expect(refusal({ model: 'chat' })).toMatchObject({ status: 400, param: 'input', code: 'invalid_type' });
    expect(refusal({ ...base, input: [] })).toMatchObject({ param: 'input' });
    expect(refusal({ ...base, model: '' })).toMatchObject({ param: 'model' });
    expect(refusal({ ...base, previous_response_id: 'resp_1' })).toMatchObject({ param: 'previous_response_id', code: 'unsupported_parameter' });
    expect(refusal({ ...base, conversation: 'conv_1' })).toMatchObject({ param: 'conversation', code: 'unsupported_parameter' });
    expect(refusal({ ...base, prompt: { id: 'pmpt_1' } })).toMatchObject({ param: 'prompt', code: 'unsupported_parameter' });
    expect(refusal({ ...base, store: true })).toMatchObject({ param: 'store', code: 'unsupported_parameter' });
    expect(refusal({ ...base, background: true })).toMatchObject({ param: 'background', code: 'unsupported_parameter' });
    expect(refusal({ ...base, parallel_tool_calls: false })).toMatchObject({ param: 'parallel_tool_calls', code: 'unsupported_parameter' });
    expect(refusal({ ...base, truncation: 'auto' })).toMatchObject({ param: 'truncation' });
    expect(refusal({ ...base, max_ouput_tokens: 5 })).toMatchObject({ param: 'max_ouput_tokens', code: 'unknown_parameter', message: 'Unrecognized request argument supplied: max_ouput_tokens' });
    expect(refusal({ ...base, stream_options: { include_obfuscation: false } })).toMatchObject({ param: 'stream_options' });
    expect(refusal({ ...base, include: ['message.output_text.logprobs'] })).toMatchObject({ param: 'include[0]', code: 'unsupported_parameter' });
    expect(refusal({ ...base, include: ['reasoning.encrypted'] })).toMatchObject({ param: 'include[0]', code: 'invalid_value' });
    expect(refusal({ ...base, text: { verbosity: 'high' } })).toMatchObject({ param: 'text.verbosity' });
    expect(refusal({ ...base, text: { format: { type: 'json_schema', schema: {} } } })).toMatchObject({ param: 'text.format.name' });
    expect(refusal({ ...base, reasoning: { effort: 'max' } })).toMatchObject({ param: 'reasoning.effort' });
    expect(refusal({ ...base, reasoning: { mode: 'pro' } })).toMatchObject({ param: 'reasoning.mode' });
    expect(refusal({ ...base, tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] })).toMatchObject({ param: 'tools[0].type', code: 'unsupported_parameter' });
    expect(refusal({ ...base, tools: [{ type: 'function', name: 'f', parameters: {}, strict: false, output_schema: { type: 'object' } }] })).toMatchObject({ param: 'tools[0].output_schema' });
    expect(refusal({ ...base, tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] } })).toMatchObject({ param: 'tool_choice.type' });
    const item = (value: unknown) => refusal({ model: 'chat', input: [value] });
    expect(item({ role: 'tool', content: 'x' })).toMatchObject({ param: 'input[0].role' });
    expect(item({ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] })).toMatchObject({ param: 'input[0].content[0].type', code: 'unsupported_parameter' });
    expect(item({ role: 'user', content: [{ type: 'input_image', file_id: 'file_1', detail: 'auto' }] })).toMatchObject({ param: 'input[0].content[0].file_id' });
    expect(item({ role: 'user', content: [{ type: 'input_file', file_id: 'file_1' }] })).toMatchObject({ param: 'input[0].content[0].file_id' });
    expect(item({ role: 'system', content: [{ type: 'input_image', image_url: 'https://x' }] })).toMatchObject({ param: 'input[0].content[0].type' });
    expect(item({ type: 'function_call_output', call_id: 'c', output: [{ type: 'input_image', image_url: 'https://x' }] })).toMatchObject({ param: 'input[0].output[0].type' });
    expect(item({ type: 'function_call', name: 'f', arguments: '{}' })).toMatchObject({ param: 'input[0].call_id' });
    expect(item({ type: 'web_search_call', id: 'ws_1', status: 'completed' })).toMatchObject({ param: 'input[0].type', code: 'unsupported_parameter' });
    expect(item({ type: 'item_reference', id: 'msg_1' })).toMatchObject({ param: 'input[0].type' });
    expect(item({ content: 'no type, no role' })).toMatchObject({ param: 'input[0].type' });
  });
});

describe('the reasoning state codec', () => {
  it('should round-trip provider state and refuse what the gateway did not hand out', () => {
    const text = encodeReasoningState(openaiState);
    expect(text).toMatch(/^sy1\.[A-Za-z0-9_-]+$/);
    expect(decodeReasoningState(text, 'input[0].encrypted_content')).toEqual(openaiState);
    const refuse = (value: string) => {
      try {
        decodeReasoningState(value, 'input[2].encrypted_content');
      } catch (error) {
        return error as GatewayRequestError;
      }
      return undefined;
    };
    expect(refuse('gAAAAABforeign')).toMatchObject({ status: 400, param: 'input[2].encrypted_content', code: 'invalid_encrypted_content' });
    expect(refuse('gAAAAABforeign')?.message).toContain('not reasoning state from Switchyard');
    expect(refuse('sy1.!!!')?.message).toContain('damaged');
    expect(refuse(`sy1.${Buffer.from('{"items":[]}').toString('base64url')}`)?.message).toContain('names no wire format');
  });
});
