import { resolve } from 'node:path';
import { readConfigFile } from '../../config/read-config-file.ts';
import { ConfigError } from '../../errors/config-error.ts';
import { createGateway } from '../../gateway/create-gateway.ts';
import type { GatewayLogEntry } from '../../gateway/gateway-options.ts';
import { isLoopbackHost } from '../../gateway/is-loopback-host.ts';
import { createSwitchyard, type Switchyard } from '../../switchyard.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../cli-command.ts';
import { parseFlags } from '../parse-flags.ts';

const USAGE = `Usage: switchyard serve --config FILE [--host 127.0.0.1] [--port 4000] [--insecure-no-auth] [--data-dir DIR]

Runs the OpenAI-compatible gateway: POST /v1/chat/completions (JSON and SSE), POST /v1/responses (JSON and
SSE, stateless), POST /v1/embeddings, GET /v1/models, GET /healthz, GET /readyz, GET /metrics (Prometheus).
The config's gateway section sets the
virtual keys, maxBodyBytes, maxConcurrentRequests, drainMs and cors.

  --config FILE        the Switchyard config (default: switchyard.yaml)
  --host HOST          the address to listen on (default: 127.0.0.1). Without gateway.keys, only a loopback
                       address is allowed, unless --insecure-no-auth is given
  --port PORT          the port (default: 4000; 0 picks a free one)
  --insecure-no-auth   listen beyond loopback without gateway.keys: anyone who reaches the port can spend
  --data-dir DIR       where the SQLite ledger goes when the config has no ledger section (the container
                       image uses /var/lib/switchyard, a volume); default: .switchyard/ beside the config

SIGTERM and SIGINT drain: /readyz fails at once, new connections are refused, requests and streams in flight
finish (up to gateway.drainMs, default 30000), the ledger is flushed, then the process exits 0. A second
signal exits at once (the SQLite ledger is still flushed). Logs are JSON lines on standard error; keys never
appear in them.

Exit codes: 0 stopped by a signal after draining, 1 the config, the ledger or the port failed, 2 bad options.`;

const FLAGS = { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'insecure-no-auth': { type: 'boolean' }, 'data-dir': { type: 'string' } } as const;

function parsePort(text: string | undefined): number {
  if (text === undefined) return 4000;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CliUsageError(`--port expects a number from 0 to 65535, not ${JSON.stringify(text)}`);
  return port;
}

/** Creates the Switchyard from the config file; `dataDir` places the default SQLite ledger when the config has none. */
function openSwitchyard(file: string, io: CliIo, dataDir: string | undefined): Switchyard {
  const config = readConfigFile(file, io.cwd);
  const raw = config.value;
  if (dataDir === undefined || raw === null || typeof raw !== 'object' || 'ledger' in raw) return createSwitchyard(config.path, { env: io.env, cwd: io.cwd });
  try {
    return createSwitchyard({ ...(raw as Record<string, unknown>), ledger: { type: 'sqlite', path: resolve(io.cwd, dataDir, 'ledger.sqlite') } } as Parameters<typeof createSwitchyard>[0], { env: io.env, cwd: config.dir });
  } catch (error) {
    // Name the file, not "config object", in what the operator reads.
    if (ConfigError.isInstance(error)) throw new ConfigError(error.issues, { source: config.path });
    throw error;
  }
}

/** Opens the ledger once (a report over an empty period), so that a ledger that cannot be reached fails the start. */
async function checkLedger(sy: Switchyard): Promise<void> {
  const type = sy.config.ledger?.type ?? 'sqlite';
  if (type === 'none' || type === 'memory') return;
  await sy.costReport({ since: Date.now(), until: Date.now() + 1 });
}

/** `switchyard serve`: the OpenAI-compatible gateway, with graceful drain on SIGTERM/SIGINT. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'the OpenAI-compatible gateway (chat, streams, embeddings, models, health, metrics)',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(args, FLAGS);
    const host = (flags.host as string | undefined) ?? '127.0.0.1';
    const port = parsePort(flags.port as string | undefined);
    const insecure = flags['insecure-no-auth'] === true;
    const log = (entry: GatewayLogEntry | (Record<string, unknown> & { level: string; message: string })) => io.stderr.write(`${JSON.stringify({ time: new Date(io.now()).toISOString(), ...entry })}\n`);

    let sy: Switchyard;
    try {
      sy = openSwitchyard((flags.config as string | undefined) ?? 'switchyard.yaml', io, flags['data-dir'] as string | undefined);
    } catch (error) {
      io.stderr.write(`switchyard serve: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const keys = sy.config.gateway?.keys ?? [];
    if (keys.length === 0 && !isLoopbackHost(host) && !insecure) {
      await sy.close();
      throw new CliUsageError(`--host ${host} is reachable from other machines, and the config has no gateway.keys: anyone could spend through it. Add gateway.keys (a key per client, from \${ENV} or as a sha256: digest), listen on 127.0.0.1, or pass --insecure-no-auth if something in front of the gateway authenticates.`);
    }
    try {
      await checkLedger(sy);
    } catch (error) {
      await sy.close().catch(() => undefined);
      io.stderr.write(`switchyard serve: the ledger cannot be opened: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const gateway = createGateway(sy, { log, insecureNoAuth: insecure });
    let address;
    try {
      address = await gateway.listen(port, host);
    } catch (error) {
      await sy.close().catch(() => undefined);
      io.stderr.write(`switchyard serve: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    log({ level: 'info', message: `listening on ${address.url}`, url: address.url, keys: keys.length, auth: keys.length > 0 ? 'keys' : insecure ? 'none (--insecure-no-auth)' : 'none (loopback only)' });

    return new Promise<number>((done) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          log({ level: 'warning', message: `${signal} again: exiting now; requests still in flight are cut` });
          process.exit(1);
        }
        stopping = true;
        log({ level: 'info', message: `${signal}: draining` });
        void (async () => {
          let code = 0;
          try {
            await gateway.close();
            await sy.close();
            log({ level: 'info', message: 'drained; the ledger is flushed' });
          } catch (error) {
            log({ level: 'error', message: `shutdown failed: ${error instanceof Error ? error.message : String(error)}` });
            code = 1;
          }
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          done(code);
        })();
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
    });
  },
};
