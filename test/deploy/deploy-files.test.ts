import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { switchyardConfigSchema } from '../../src/config/switchyard-config-schema.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** Validates a deploy config with every ${NAME} set. `state` (fleet state, issue 14) is checked by shape until the schema has it. */
function validate(text: string) {
  const names = [...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1] as string);
  const env = Object.fromEntries(names.map((n) => [n, n.endsWith('_URL') ? (n.includes('REDIS') ? 'redis://redis:6379' : 'postgres://u:p@db:5432/db') : n.endsWith('ENDPOINT') ? 'https://contoso-east.openai.azure.com' : `value-of-${n.toLowerCase()}-0123456789`]));
  const raw = parse(text.replace(/\$\{([A-Z0-9_]+)\}/g, '__$1__')) as Record<string, unknown>;
  const restored = JSON.parse(JSON.stringify(raw).replace(/__([A-Z0-9_]+)__/g, '${$1}')) as Record<string, unknown>;
  if (!('state' in switchyardConfigSchema.shape)) {
    expect(restored.state).toEqual({ type: 'redis', url: '${REDIS_URL}' });
    delete restored.state;
  }
  return loadConfig(restored as Parameters<typeof loadConfig>[0], { env });
}

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const stages = lines.filter((l) => l.startsWith('FROM '));

  it('should be multi-stage on node:24-slim, in classic syntax', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-slim( AS \w+)?$/);
    expect(text).not.toMatch(/RUN --mount|<<\s*['"]?EOF|^# syntax=/m);
  });

  it('should build dist/ with the script `npm run build` runs, copying everything that script reads', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; bin: Record<string, string> };
    const script = /^node (\S+)$/.exec(pkg.scripts.build ?? '')?.[1];
    expect(script, 'package.json scripts.build is `node <script>`').toBeDefined();
    const build = text.slice(0, text.indexOf('\nFROM ', text.indexOf('FROM ') + 1));
    expect(build).toMatch(new RegExp(`^RUN node ${script!.replace(/[.]/g, '\\.')}$`, 'm'));
    const copied = [...build.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(copied).toEqual(expect.arrayContaining([script!.split('/')[0], 'src', 'adapters', 'tsconfig.json', 'tsconfig.build.json']));
    // The bin the final stage links must be one of the files the build writes.
    expect(Object.values(pkg.bin)).toContain('./dist/src/cli/main.js');
  });

  it('should run switchyard serve as a non-root user, with the config, a health check and the ledger volume', () => {
    const final = text.slice(text.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toContain('ENTRYPOINT ["switchyard", "serve"]');
    expect(final).toContain('"--config", "/etc/switchyard/switchyard.yaml"');
    expect(final).toContain('"--data-dir", "/var/lib/switchyard"');
    expect(final).toMatch(/^VOLUME \["\/var\/lib\/switchyard"\]$/m);
    expect(final).toMatch(/^ENV SWITCHYARD_HEALTHCHECK_URL=http:\/\/127\.0\.0\.1:4000\/healthz$/m);
    expect(final).toMatch(/^HEALTHCHECK .+\\\n\s+CMD \["node", "-e", "fetch\(process\.env\.SWITCHYARD_HEALTHCHECK_URL\)/m);
    expect(final).toContain('chown node:node /var/lib/switchyard');
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Record<string, unknown>> };

  it('should run two gateway replicas of one image and config, PostgreSQL, Redis and a fake provider', () => {
    const gateways = Object.entries(compose.services).filter(([, s]) => (s.build as { dockerfile?: string } | undefined)?.dockerfile === 'Dockerfile');
    expect(gateways.map(([name]) => name)).toEqual(['gateway-1', 'gateway-2']);
    for (const [, gateway] of gateways) {
      expect(gateway.volumes).toEqual(['./compose/switchyard.yaml:/etc/switchyard/switchyard.yaml:ro']);
      expect(gateway.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(gateway.stop_grace_period).toBe('40s');
    }
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'fake-provider']));
  });

  it('should give the replicas a valid config with a PostgreSQL ledger, Redis state and a key', () => {
    const config = validate(read('deploy/compose/switchyard.yaml'));
    expect(config.ledger?.type).toBe('postgres');
    expect(config.gateway?.keys).toHaveLength(1);
    expect(config.gateway?.drainMs).toBe(30_000);
    // Compose waits longer than the drain before it kills a replica.
    const grace = Number(/^(\d+)s$/.exec(String(compose.services['gateway-1']?.stop_grace_period))?.[1]);
    expect(grace * 1000).toBeGreaterThan(config.gateway?.drainMs ?? 30_000);
  });
});

describe('deploy/kubernetes', () => {
  const deployment = parse(read('deploy/kubernetes/deployment.yaml')) as { spec: { template: { spec: { terminationGracePeriodSeconds: number; containers: Array<Record<string, any>> } } } };
  const configMap = parse(read('deploy/kubernetes/configmap.yaml')) as { data: Record<string, string> };
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0] as Record<string, any>;

  it('should probe readiness on /readyz and liveness on /healthz', () => {
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.args).toEqual(['--config', '/etc/switchyard/switchyard.yaml', '--host', '0.0.0.0', '--port', '4000', '--data-dir', '/var/lib/switchyard']);
  });

  it('should give the pod a grace period covering the preStop sleep and the config’s drainMs', () => {
    const config = validate(configMap.data['switchyard.yaml'] as string);
    const drainS = (config.gateway?.drainMs ?? 30_000) / 1000;
    const [command, seconds] = container.lifecycle.preStop.exec.command as [string, string];
    expect(command).toBe('sleep');
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Number(seconds) + drainS);
    expect(config.gateway?.keys?.map((k) => k.name)).toEqual(['search', 'batch']);
  });

  it('should list every manifest in the kustomization', () => {
    const kustomization = parse(read('deploy/kubernetes/kustomization.yaml')) as { resources: string[] };
    expect(kustomization.resources).toEqual(['configmap.yaml', 'deployment.yaml', 'service.yaml']);
    expect(parseAllDocuments(read('deploy/kubernetes/service.yaml')).map((d) => (d.toJS() as { kind: string }).kind)).toEqual(['Service', 'PodDisruptionBudget']);
  });
});
