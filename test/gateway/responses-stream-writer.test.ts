import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { decodeReasoningState } from '../../src/gateway/wire/reasoning-state-codec.ts';
import type { ResponseBase } from '../../src/gateway/wire/responses-object.ts';
import { ResponsesStreamWriter } from '../../src/gateway/wire/responses-stream-writer.ts';
import type { RoutedStreamPart } from '../../src/types/routed-result.ts';
import { fakeResponse } from './helpers/fake-response.ts';

type Finish = Extract<RoutedStreamPart, { type: 'finish' }>;
const usage = { inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 7, reasoningTokens: 3, totalTokens: 17 };
const state = { format: 'openai-responses', provider: 'main', items: [{ type: 'reasoning', id: 'rs_up', summary: [], encrypted_content: 'gAAAAABz' }] };
const finish = (extra: Partial<Finish> = {}): Finish => ({ type: 'finish', finishReason: 'stop', rawFinishReason: 'completed', usage, model: 'gpt-5.1-2025-11-13', warnings: [], provider: 'main', attempts: [], cost: { nanoUsd: 2500, usd: 0.0000025 }, ...extra }) as Finish;
const echo = { instructions: null, max_output_tokens: null, temperature: null, top_p: null, tools: [], tool_choice: 'auto', text: { format: { type: 'text' }, verbosity: 'medium' }, reasoning: { effort: null, summary: 'auto' }, metadata: {}, user: null, safety_identifier: null, prompt_cache_key: null };
const base = (includeReasoningState: boolean): ResponseBase => ({ id: 'resp_t1', createdAt: 1_767_225_600, echo, includeReasoningState, itemPrefix: 't1' });

function writer(includeReasoningState = true) {
  const res = fakeResponse(100);
  const w = new ResponsesStreamWriter(res as unknown as ServerResponse, { base: base(includeReasoningState), model: 'thinker', now: () => 1_767_225_601_000 });
  w.start([], { provider: 'main', model: 'gpt-5.1' });
  const events = () => res.events().map((frame) => ({ event: /^event: (.+)$/m.exec(frame)?.[1], data: JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? '{}') }));
  return { w, res, events };
}

describe('ResponsesStreamWriter', () => {
  it('should write the items one after the other, each finished before the next, and complete with the whole response', () => {
    const { w, res, events } = writer();
    w.part({ type: 'reasoning-delta', text: 'Think' });
    w.part({ type: 'reasoning-delta', text: 'ing.' });
    w.part({ type: 'text-delta', text: 'Calling ' });
    w.part({ type: 'text-delta', text: 'it.' });
    expect(w.flush()).toBe(true);
    // The opening events and the whole batch in one write.
    expect(res.writes).toHaveLength(1);
    w.part({ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { q: 'x' }, rawArguments: '{"q":"x"}' });
    w.finish(finish({ finishReason: 'tool-calls', reasoningState: { text: 'Thinking.', providerData: state } }));
    const all = events();
    expect(all.map((e) => e.event)).toEqual([
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
      'response.output_item.added', 'response.output_item.done',
      'response.completed',
    ]);
    expect(all.map((e) => e.data.sequence_number)).toEqual(all.map((_, i) => i));
    expect(all.every((e) => e.event === e.data.type)).toBe(true);
    // The in-progress response names the target's model; the completed one what the provider served.
    expect(all[0]?.data.response).toMatchObject({ id: 'resp_t1', status: 'in_progress', model: 'gpt-5.1', output: [] });
    expect(all[4]?.data).toMatchObject({ item_id: 'rs_t10', output_index: 0, summary_index: 0, delta: 'Think' });
    expect(all[11]?.data).toMatchObject({ item_id: 'msg_t11', output_index: 1, content_index: 0, delta: 'Calling ', logprobs: [] });
    expect(all[13]?.data).toMatchObject({ text: 'Calling it.' });
    const completed = all.at(-1)?.data;
    expect(completed.response).toMatchObject({ status: 'completed', model: 'gpt-5.1-2025-11-13', completed_at: 1_767_225_601, usage: { input_tokens: 10, output_tokens: 7, output_tokens_details: { reasoning_tokens: 3 } } });
    expect(completed.response.output.map((i: { type: string; id: string }) => `${i.type}:${i.id}`)).toEqual(['reasoning:rs_t10', 'message:msg_t11', 'function_call:fc_t12', 'reasoning:rs_t13']);
    // The state came with the finish part, after the reasoning item was done: it goes in a reasoning item of its own.
    expect(decodeReasoningState(completed.response.output[3].encrypted_content, 'x')).toEqual(state);
    expect(completed.response.output[0]).toEqual({ id: 'rs_t10', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking.' }] });
    expect(completed.switchyard).toEqual({ provider: 'main', attempts: [], cost_usd: '0.000002500', finish_reason: 'tool-calls' });
  });

  it('should put the state in the reasoning item when it is still the last one, and leave it out without include', () => {
    const last = writer();
    last.w.part({ type: 'reasoning-delta', text: 'Out of tokens while thinking' });
    last.w.finish(finish({ finishReason: 'length', reasoningState: { providerData: state } }));
    const done = last.events();
    const response = done.at(-1)?.data.response;
    expect(done.at(-1)?.event).toBe('response.incomplete');
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(response.output.map((i: { type: string }) => i.type)).toEqual(['reasoning', 'message']);
    expect(decodeReasoningState(response.output[0].encrypted_content, 'x')).toEqual(state);
    expect(response.output[1]).toMatchObject({ status: 'incomplete', content: [{ type: 'output_text', text: '' }] });
    expect(response.completed_at).toBeUndefined();

    const without = writer(false);
    without.w.part({ type: 'text-delta', text: 'Hi' });
    without.w.finish(finish({ reasoningState: { providerData: state } }));
    expect(without.events().at(-1)?.data.response.output.map((i: { type: string }) => i.type)).toEqual(['message']);
  });

  it('should end a failed stream with error and response.failed, the cut item in the output as far as it got', () => {
    const { w, events, res } = writer();
    w.part({ type: 'text-delta', text: 'Half an ans' });
    w.error({ message: 'The stream from main/gpt-5.1 failed after 1 parts', type: 'server_error', code: 'stream_interrupted', param: null });
    const all = events();
    expect(all.slice(-2).map((e) => e.event)).toEqual(['error', 'response.failed']);
    expect(all.at(-2)?.data).toEqual({ type: 'error', sequence_number: all.length - 2, code: 'stream_interrupted', message: 'The stream from main/gpt-5.1 failed after 1 parts', param: null, error: { message: 'The stream from main/gpt-5.1 failed after 1 parts', type: 'server_error', code: 'stream_interrupted', param: null } });
    expect(all.at(-1)?.data.response).toMatchObject({ status: 'failed', error: { code: 'stream_interrupted' }, output: [{ type: 'message', status: 'incomplete', content: [{ text: 'Half an ans' }] }] });
    expect(all.some((e) => e.event === 'response.completed' || e.event === 'response.output_item.done')).toBe(false);
    expect(res.ended).toBeDefined();
  });
});
