import { afterAll, beforeAll } from 'vitest';
import { createGateway } from '../../../src/gateway/create-gateway.ts';
import type { Gateway, GatewayLogEntry, GatewayOptions } from '../../../src/gateway/gateway-options.ts';
import { createMemoryLedgerStore, type MemoryLedgerStore } from '../../../src/metering/memory-ledger-store.ts';
import { createMeterFromConfig } from '../../../src/metering/create-meter-from-config.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { createSwitchyard, type Switchyard } from '../../../src/switchyard.ts';
import type { SwitchyardConfigInput } from '../../../src/config/switchyard-config-schema.ts';
import { gatewayKeyBudgets } from '../../../src/gateway/gateway-key-budgets.ts';
import { network } from '../../setup/network.ts';
import { serveMock, type MockUpstream } from './serve-mock.ts';

/** A gateway over a Switchyard whose providers are mock upstreams on real loopback sockets, with an in-memory ledger. */
export interface TestGateway {
  sy: Switchyard;
  gateway: Gateway;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every attempt written to the ledger. */
  ledger: MemoryLedgerStore;
  /** What the gateway logged. */
  logs: GatewayLogEntry[];
  /** Writes every attempt recorded so far to the ledger. */
  flush(): Promise<void>;
  /** Closes the gateway (draining) and the Switchyard (flushing the ledger). */
  close(): Promise<void>;
}

/**
 * Starts a gateway for `config` (a function of the upstreams' origins). The ledger is in memory, priced from the
 * config, with the config's budgets and the keys' budgets.
 */
export async function startGateway(config: SwitchyardConfigInput, options: GatewayOptions = {}, env: Record<string, string> = {}): Promise<TestGateway> {
  const validated = loadConfig(config, { env });
  const ledger = createMemoryLedgerStore();
  const keys = gatewayKeyBudgets(validated.gateway);
  const budgets = validated.budgets ?? [];
  const meter = createMeterFromConfig({ ...validated, budgets: [...budgets, ...keys.budgets], budgetPaths: [...budgets.map((_, i) => `budgets[${i}]`), ...keys.paths] }, { ledgerStore: ledger, writer: { exitHooks: false } });
  const sy = createSwitchyard(config, { env, meter, telemetry: false });
  const logs: GatewayLogEntry[] = [];
  const gateway = createGateway(sy, { log: (entry) => logs.push(entry), ...options });
  const address = await gateway.listen(0, '127.0.0.1');
  return {
    sy,
    gateway,
    url: address.url,
    ledger,
    logs,
    flush: () => meter.flush(),
    async close() {
      await gateway.close();
      await sy.close();
    },
  };
}

/** Starts `count` mock upstreams for the file's tests, with msw's in-process interception off (everything is a real socket). */
export function useMockUpstreams(count: number): MockUpstream[] {
  const upstreams: MockUpstream[] = [];
  beforeAll(async () => {
    await network.disable();
    for (let i = 0; i < count; i++) upstreams.push(await serveMock());
  });
  afterAll(async () => {
    await Promise.all(upstreams.map((u) => u.close()));
    await network.enable();
  });
  return upstreams;
}
