import { createSwitchyard, type Switchyard, type SwitchyardOptions } from '../../../src/switchyard.ts';
import type { SwitchyardEventMap, SwitchyardEventName } from '../../../src/router/switchyard-events.ts';
import type { ChatMessage } from '../../../src/types/chat-message.ts';
import type { StreamPart } from '../../../src/types/stream-part.ts';
import { fakeDefinition, type FakeProvider } from './fake-provider.ts';
import { createRecordingMeter, type RecordingMeter } from './recording-meter.ts';

/** A Switchyard over fake providers, with a recording meter and every event collected. */
export interface TestSwitchyard {
  sy: Switchyard;
  meter: RecordingMeter;
  events: Array<{ name: SwitchyardEventName; payload: SwitchyardEventMap[SwitchyardEventName] }>;
  eventsNamed<K extends SwitchyardEventName>(name: K): SwitchyardEventMap[K][];
}

const EVENT_NAMES: SwitchyardEventName[] = ['attempt-start', 'attempt-end', 'failover', 'circuit-open', 'circuit-close', 'hedge', 'drift', 'budget', 'warning'];

/**
 * Builds a Switchyard whose providers are the given fakes (each `providers` entry gets `type: fake` unless it
 * says otherwise), with a recording meter unless `options.meter` is given.
 */
export function makeSwitchyard(
  fakes: Record<string, FakeProvider>,
  config: { providers?: Record<string, Record<string, unknown>>; models?: Record<string, unknown>; [key: string]: unknown },
  options: SwitchyardOptions & { meter?: RecordingMeter } = {},
): TestSwitchyard {
  const providers: Record<string, { type: string; [key: string]: unknown }> = {};
  for (const id of Object.keys(fakes)) providers[id] = { type: 'fake', ...config.providers?.[id] };
  const meter = options.meter ?? createRecordingMeter();
  const sy = createSwitchyard({ ...config, providers }, { ...options, meter, providers: [fakeDefinition(fakes), ...(options.providers ?? [])] });
  const events: TestSwitchyard['events'] = [];
  for (const name of EVENT_NAMES) sy.on(name, (payload) => events.push({ name, payload }));
  return {
    sy,
    meter,
    events,
    eventsNamed: <K extends SwitchyardEventName>(name: K) => events.filter((e) => e.name === name).map((e) => e.payload as SwitchyardEventMap[K]),
  };
}

/** A one-message conversation. */
export const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];

/** Reads a whole stream. */
export { collectParts as collect } from '../../helpers/stream-parts.ts';

/** The text of stream parts. */
export const textOf = (parts: StreamPart[]) => parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
