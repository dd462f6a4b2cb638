import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOCI, loadOCIProfile, resolveOCIConfigPath } from '../../adapters/oci/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { openAIChatCompletion } from '../../src/testing/openai-wire.ts';
import { network } from '../setup/network.ts';
import { captureRaw, checkOCISignature, createTestKeyPair, type RawRequest } from './oci-helpers.ts';

const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaayx3mw5nf2kpbq7tgr4zdjlc6hevs2ou';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaa3ufl7qnw2xjzc5kvd6hpmrbgyt4seoi';
const USER = 'ocid1.user.oc1..aaaaaaaa2mk5xwq7vnfy3rdlzjc4pbh6ugteso';
const PROD_USER = 'ocid1.user.oc1..aaaaaaaaprod5xwq7vnfy3rdlzjc4pbh6ugte';
const MODEL = 'meta.llama-4-maverick-17b-128e-instruct-fp8';
const plain = createTestKeyPair({ type: 'pkcs1' });
const encrypted = createTestKeyPair({ type: 'pkcs8', passphrase: 'opensesame-42' });

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'oci-home-'));
  mkdirSync(join(home, '.oci'));
  writeFileSync(join(home, '.oci', 'oci_api_key.pem'), plain.privateKeyPem);
  writeFileSync(join(home, '.oci', 'prod_api_key.pem'), encrypted.privateKeyPem);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A config file as `oci setup config` writes it, plus a second profile that inherits from [DEFAULT]. */
const CONFIG = (keyDir = '~/.oci') => `# written by oci setup config
[DEFAULT]
user=${USER}
fingerprint=${plain.fingerprint}
tenancy=${TENANCY}
region=us-chicago-1
key_file=${keyDir}/oci_api_key.pem

; production signs with its own, encrypted key
[PROD]
user = ${PROD_USER}
fingerprint = ${encrypted.fingerprint}
key_file : ${keyDir}/prod_api_key.pem
pass_phrase=opensesame-42
region=eu-frankfurt-1
`;

function serve(region: string): RawRequest[] {
  const seen: RawRequest[] = [];
  network.use(
    http.post(`https://inference.generativeai.${region}.oci.oraclecloud.com/openai/v1/chat/completions`, async ({ request }) => {
      seen.push(await captureRaw(request));
      return HttpResponse.json(openAIChatCompletion({ type: 'text', text: 'ok' }, MODEL), { headers: { 'opc-request-id': 'D4E5F6A7B8C9/0D1E2F3A4B5C/6D7E8F9A0B1C' } });
    }),
  );
  return seen;
}

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('createOCI with a config-file profile', () => {
  it('should sign with the [DEFAULT] profile of ~/.oci/config and use its region', async () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    const seen = serve('us-chicago-1');
    await createOCI({ profile: 'DEFAULT', compartmentId: COMPARTMENT, homeDir: home, env: {} }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen).toHaveLength(1);
    expect(checkOCISignature(seen[0] as RawRequest, plain.publicKey, `${TENANCY}/${USER}/${plain.fingerprint}`)).toBe(true);
  });

  it('should read a named profile that inherits tenancy from [DEFAULT], with its pass_phrase and region', async () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    const seen = serve('eu-frankfurt-1');
    await createOCI({ profile: 'PROD', compartmentId: COMPARTMENT, homeDir: home, env: {} }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hallo' }] });
    expect(checkOCISignature(seen[0] as RawRequest, encrypted.publicKey, `${TENANCY}/${PROD_USER}/${encrypted.fingerprint}`)).toBe(true);
  });

  it('should let settings override profile values (region)', async () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    const seen = serve('ap-osaka-1');
    await createOCI({ profile: 'DEFAULT', region: 'ap-osaka-1', compartmentId: COMPARTMENT, homeDir: home, env: {} }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen[0]?.url).toBe('https://inference.generativeai.ap-osaka-1.oci.oraclecloud.com/openai/v1/chat/completions');
  });

  it('should find the file through OCI_CONFIG_FILE when ~/.oci/config does not exist, and prefer ~/.oci/config when it does', async () => {
    const elsewhere = join(home, 'elsewhere.ini');
    writeFileSync(elsewhere, CONFIG(join(home, '.oci')));
    const env = { OCI_CONFIG_FILE: elsewhere };
    expect(resolveOCIConfigPath({ env, homeDir: home })).toBe(elsewhere);
    const seen = serve('us-chicago-1');
    await createOCI({ profile: 'DEFAULT', compartmentId: COMPARTMENT, homeDir: home, env }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(checkOCISignature(seen[0] as RawRequest, plain.publicKey, `${TENANCY}/${USER}/${plain.fingerprint}`)).toBe(true);

    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    expect(resolveOCIConfigPath({ env, homeDir: home })).toBe(join(home, '.oci', 'config'));
    expect(resolveOCIConfigPath({ env, homeDir: home, configFile: '~/other/config' })).toBe(join(home, 'other', 'config'));
  });

  it('should expand ~ in key_file and keep values verbatim', () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    const profile = loadOCIProfile({ profile: 'PROD', env: {}, homeDir: home });
    expect(profile).toEqual({
      path: join(home, '.oci', 'config'),
      profile: 'PROD',
      tenancy: TENANCY,
      user: PROD_USER,
      fingerprint: encrypted.fingerprint,
      keyFile: join(home, '.oci', 'prod_api_key.pem'),
      passphrase: 'opensesame-42',
      region: 'eu-frankfurt-1',
    });
  });
});

describe('createOCI config-file errors', () => {
  it('should name a missing profile and list the ones that exist', () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG());
    const error = configErrorOf(() => createOCI({ profile: 'STAGING', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.issues[0]).toMatchObject({ path: 'profile', message: expect.stringContaining(`profile [STAGING] is not in ${join(home, '.oci', 'config')} (profiles there: DEFAULT, PROD)`) });
  });

  it('should say where it looked when there is no config file', () => {
    const error = configErrorOf(() => createOCI({ profile: 'DEFAULT', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.message).toContain(`the OCI config file ${join(home, '.oci', 'config')} does not exist`);
    expect(error.message).toContain('oci setup config');
  });

  it('should report a key_file that is missing, naming the profile and file, without key material', () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG().replace('~/.oci/oci_api_key.pem', '~/.oci/gone.pem'));
    const error = configErrorOf(() => createOCI({ profile: 'DEFAULT', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.issues[0]?.path).toBe('profile');
    expect(error.message).toContain(`the key file ${join(home, '.oci', 'gone.pem')} (key_file of profile [DEFAULT] in ${join(home, '.oci', 'config')}) does not exist`);
  });

  it('should report a wrong pass_phrase without printing it or the key', () => {
    writeFileSync(join(home, '.oci', 'config'), CONFIG().replace('pass_phrase=opensesame-42', 'pass_phrase=not-the-phrase'));
    const error = configErrorOf(() => createOCI({ profile: 'PROD', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.message).toContain('could not be decrypted: the passphrase is wrong');
    const printed = `${error.message}${inspect(error)}`;
    expect(printed).not.toContain('not-the-phrase');
    for (const line of encrypted.privateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(printed).not.toContain(line);
  });

  it('should list what a profile lacks', () => {
    writeFileSync(join(home, '.oci', 'config'), '[DEFAULT]\nregion=us-chicago-1\n[PARTIAL]\nuser=' + USER + '\n');
    const error = configErrorOf(() => createOCI({ profile: 'PARTIAL', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.issues.map((i) => i.path)).toEqual(['tenancy', 'fingerprint', 'privateKey']);
    expect(error.issues[2]?.message).toContain(`key_file in profile [PARTIAL] of ${join(home, '.oci', 'config')}`);
  });

  it('should point at the line of a malformed config file', () => {
    writeFileSync(join(home, '.oci', 'config'), 'user=' + USER + '\n[DEFAULT]\n');
    const error = configErrorOf(() => createOCI({ profile: 'DEFAULT', compartmentId: COMPARTMENT, homeDir: home, env: {} }));
    expect(error.message).toContain(`${join(home, '.oci', 'config')} line 1 is a setting before any [PROFILE] section`);
  });
});
