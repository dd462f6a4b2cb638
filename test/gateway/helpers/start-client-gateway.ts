import OpenAI from 'openai';
import type { SwitchyardConfigInput } from '../../../src/config/switchyard-config-schema.ts';
import { createOpenAIMock } from '../../../src/testing/create-openai-mock.ts';
import type { ScriptStep } from '../../../src/testing/script-step.ts';
import type { MockUpstream } from './serve-mock.ts';
import { startGateway, type TestGateway } from './start-gateway.ts';

/** The model both upstreams serve (the fallback always names it; the primary when asked to). */
export const SERVED = 'gpt-4o-2024-08-06';

/**
 * Scripted OpenAI mocks on two upstreams (`main`, `backup`) and a gateway over them with the aliases `chat` (`main`,
 * then `backup`), `solo` (`main` only) and the `models` given, plus an `openai` client pointed at it: the set-up of the tests
 * that call the gateway with the official Node client. `primaryServedModel: false` lets the primary mock name the
 * model it was asked for.
 */
export async function startClientGateway(
  upstreams: MockUpstream[],
  scripts: { primary: ScriptStep | ScriptStep[]; fallback: ScriptStep | ScriptStep[] },
  models: NonNullable<SwitchyardConfigInput['models']>,
  options: { primaryServedModel?: boolean } = {},
) {
  const [primary, fallback] = upstreams as [MockUpstream, MockUpstream];
  const first = createOpenAIMock({ baseURL: `${primary.origin}/v1`, script: scripts.primary, ...(options.primaryServedModel === false ? {} : { servedModel: SERVED }) });
  const second = createOpenAIMock({ baseURL: `${fallback.origin}/v1`, script: scripts.fallback, servedModel: SERVED });
  primary.use(...first.handlers);
  fallback.use(...second.handlers);
  const gw: TestGateway = await startGateway({
    providers: {
      main: { type: 'openai', apiKey: 'sk-upstream-main-000000', baseURL: `${primary.origin}/v1` },
      backup: { type: 'openai', apiKey: 'sk-upstream-backup-0000', baseURL: `${fallback.origin}/v1` },
    },
    models: {
      chat: { targets: [{ provider: 'main', model: SERVED }, { provider: 'backup', model: SERVED }] },
      solo: { targets: [{ provider: 'main', model: SERVED }] },
      ...models,
    },
    versions: { floating: 'allow', retirementWarningDays: 0 },
  });
  const client = new OpenAI({ apiKey: 'unused-without-keys', baseURL: `${gw.url}/v1`, maxRetries: 0 });
  return { client, first, second, gw };
}
