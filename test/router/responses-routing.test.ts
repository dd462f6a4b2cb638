import { describe, expect, it } from 'vitest';
import { ConfigError, StreamInterruptedError, VersionDriftError } from '../../src/errors/index.ts';
import { createSwitchyard, type SwitchyardConfigInput } from '../../src/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import { network } from '../setup/network.ts';
import { createRecordingMeter } from './helpers/recording-meter.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const AZURE = 'https://contoso-east.openai.azure.com';
const ENV = { AZURE_OPENAI_API_KEY: 'azure-key-0123456789abcdef', OPENAI_API_KEY: 'sk-test-abcdefghijklmnopqrstuvwxyz123456' };

/** A Responses primary on Azure v1 (target api: responses), a Chat Completions fallback on OpenAI. */
const config = (extra: Partial<SwitchyardConfigInput> = {}): SwitchyardConfigInput => ({
  providers: {
    azure: { type: 'azure-openai', endpoint: AZURE, apiKey: '${AZURE_OPENAI_API_KEY}', apiVersion: 'v1', deployments: { 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' } } },
    openai: { type: 'openai', apiKey: '${OPENAI_API_KEY}' },
  },
  models: {
    chat: { targets: [{ provider: 'azure', model: 'prod-gpt51', api: 'responses' }, { provider: 'openai', model: 'gpt-4.1-2025-04-14' }] },
  },
  ledger: { type: 'none' },
  ...extra,
});

function mocks(azureScript: ScriptStep | ScriptStep[], openaiScript: ScriptStep | ScriptStep[]) {
  const azure = createAzureOpenAIMock({ endpoint: AZURE, deployments: { 'prod-gpt51': 'gpt-5.1-2025-11-13' }, script: azureScript });
  const openai = createOpenAIMock({ script: openaiScript });
  network.use(...azure.handlers, ...openai.handlers);
  return { azure, openai };
}

describe('the Responses API through createSwitchyard', () => {
  it("should call a target's api, record its attempt like any other and hand back its reasoning state", async () => {
    const { azure } = mocks({ type: 'tool-calls', calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], reasoning: 'I need the weather.', usage: { inputTokens: 50, cachedInputTokens: 40, outputTokens: 20, reasoningTokens: 12 } }, { type: 'text', text: 'unused' });
    const meter = createRecordingMeter({ nanoPerToken: { azure: 1000 } });
    const sy = createSwitchyard(config(), { env: ENV, meter, telemetry: false });
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [{ name: 'get_weather' }] });
    expect(azure.requests[0]?.url).toBe(`${AZURE}/openai/v1/responses`);
    expect(result).toMatchObject({ provider: 'azure', model: 'gpt-5.1-2025-11-13', finishReason: 'tool-calls', reasoning: 'I need the weather.', reasoningState: { providerData: { format: 'openai-responses', provider: 'azure' } } });
    expect(result.cost).toEqual({ nanoUsd: 70_000, usd: 0.00007 });
    expect(meter.records).toHaveLength(1);
    expect(meter.records[0]).toMatchObject({ provider: 'azure', model: 'prod-gpt51', servedModel: 'gpt-5.1-2025-11-13', apiVersion: 'v1', outcome: 'success', usage: { inputTokens: 50, cachedInputTokens: 40, outputTokens: 20, reasoningTokens: 12 } });
    await sy.close();
  });

  it('should fail over from a Responses primary to a Chat Completions fallback, dropping the reasoning state with a warning', async () => {
    const { azure, openai } = mocks([{ type: 'tool-calls', calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], reasoning: 'I need the weather.' }, { type: 'error', status: 503 }], { type: 'text', text: 'It is 18 °C in Paris.' });
    const sy = createSwitchyard(config(), { env: ENV, telemetry: false });
    const first = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [{ name: 'get_weather' }] });
    const turn: ChatMessage[] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: first.text || null, toolCalls: first.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })), ...(first.reasoningState ? { reasoning: first.reasoningState } : {}) },
      { role: 'tool', toolCallId: 'call_1', content: '{"celsius":18}' },
    ];
    const failovers: unknown[] = [];
    sy.on('failover', (e) => failovers.push(e));
    const second = await sy.chat({ model: 'chat', messages: turn, tools: [{ name: 'get_weather' }] });
    expect(azure.requests.map((r) => r.url)).toEqual([`${AZURE}/openai/v1/responses`, `${AZURE}/openai/v1/responses`]);
    // The primary got its own encrypted reasoning back, before the function call.
    expect(azure.requests[1]?.body.input.map((i: { type?: string; role?: string }) => i.type ?? i.role)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    expect(second).toMatchObject({ text: 'It is 18 °C in Paris.', provider: 'openai' });
    expect(failovers).toEqual([expect.objectContaining({ from: { provider: 'azure', model: 'prod-gpt51' }, to: { provider: 'openai', model: 'gpt-4.1-2025-04-14' }, errorCode: 'unavailable' })]);
    const sent = openai.requests[0];
    expect(sent?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(JSON.stringify(sent?.body)).not.toContain('gAAAA');
    expect(sent?.body.messages[1]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] });
    expect(second.warnings).toEqual([expect.objectContaining({ setting: 'messages[1].reasoning', message: expect.stringMatching(/The reasoning state of messages\[1\] \(openai-responses state from azure\) was not sent: openai takes no reasoning state on this API/) })]);
    await sy.close();
  });

  it('should fail a Responses stream over before its first content when the error arrives in-band after response.created', async () => {
    const { openai } = mocks({ type: 'error', status: 429, inStream: true }, { type: 'text', text: 'From the fallback.', chunks: 3 });
    const sy = createSwitchyard(config(), { env: ENV, telemetry: false });
    const parts = await collectParts(sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('')).toBe('From the fallback.');
    const finish = parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', provider: 'openai' });
    expect((finish as { attempts?: Array<{ provider: string; errorCode?: string }> }).attempts?.map((a) => [a.provider, a.errorCode])).toEqual([['azure', 'quota_exhausted'], ['openai', undefined]]);
    expect(openai.requests).toHaveLength(1);
    await sy.close();
  });

  it('should pin a Responses target on the served model: drift fails over like on Chat Completions', async () => {
    mocks({ type: 'text', text: 'Drifted.', model: 'gpt-5.2-2026-01-15' }, { type: 'text', text: 'Pinned fallback.' });
    const sy = createSwitchyard(config({ models: { chat: { versions: { onDrift: 'failover' }, targets: [{ provider: 'azure', model: 'prod-gpt51', api: 'responses' }, { provider: 'openai', model: 'gpt-4.1-2025-04-14' }] } } }), { env: ENV, telemetry: false });
    const result = await sy.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    expect(result).toMatchObject({ text: 'Pinned fallback.', provider: 'openai' });
    expect(result.attempts?.[0]).toMatchObject({ provider: 'azure', errorCode: 'version_drift' });
    // A stream's served model is known at its end, after content: it ends with the drift as the cause, never a finish.
    const streamed = await collectParts(sy.stream({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] })).catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(StreamInterruptedError);
    expect(VersionDriftError.isInstance((streamed as Error).cause)).toBe(true);
    await sy.close();
  });

  it('should reject a target api that its provider cannot serve, naming the target', () => {
    const bad = (): unknown =>
      createSwitchyard(
        {
          providers: {
            classic: { type: 'azure-openai', endpoint: AZURE, apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21' },
            vllm: { type: 'coreweave', baseURL: 'https://llm.acme.example/v1' },
          },
          models: { chat: { targets: [{ provider: 'classic', model: 'prod', api: 'responses' }, { provider: 'vllm', model: 'llama', api: 'responses' }] } },
          ledger: { type: 'none' },
        },
        { env: {}, telemetry: false },
      );
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([
        { path: 'models.chat.targets[0].api', message: expect.stringMatching(/v1 API only/) },
        { path: 'models.chat.targets[1].api', message: expect.stringMatching(/coreweave provider does not serve the Responses API/) },
      ]);
    }
  });

  it('should warn once at creation for each Azure provider without apiVersion', async () => {
    const sy = createSwitchyard(
      { providers: { east: { type: 'azure-openai', endpoint: AZURE, apiKey: 'k-0123456789abcdef' }, west: { type: 'azure-openai', endpoint: 'https://contoso-west.openai.azure.com', apiKey: 'k-0123456789abcdef', apiVersion: 'v1' } }, ledger: { type: 'none' } },
      { env: {}, telemetry: false },
    );
    const warnings: unknown[] = [];
    sy.on('warning', (w) => warnings.push(w));
    await Promise.resolve();
    expect(warnings).toEqual([{ code: 'azure-api-version-default', provider: 'east', path: 'providers.east.apiVersion', message: expect.stringMatching(/uses the Azure OpenAI v1 API.*before, it was the classic api-version 2024-10-21/) }]);
    await sy.close();
  });
});
