import { homedir } from 'node:os';
import { ConfigError, type ConfigIssue } from '../../src/errors/config-error.ts';
import { loadOCIPrivateKey } from './load-oci-private-key.ts';
import { loadOCIProfile, type OCIProfile } from './load-oci-profile.ts';
import { ociKeyFingerprint } from './oci-key-fingerprint.ts';
import type { OCISettings } from './oci-settings.ts';
import type { OCIRequestSigner } from './sign-oci-request.ts';

/** How an OCI provider authenticates, resolved from its settings when it is created. */
export type OCIAuth =
  | { type: 'api-key'; apiKey: string; region?: string }
  | { type: 'signature'; signer: OCIRequestSigner; region?: string; passphrase?: string };

const FINGERPRINT = /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/;
const SIGNING_FIELDS = ['tenancy', 'user', 'fingerprint', 'privateKey', 'passphrase'] as const;

const fail = (issues: ConfigIssue[]): never => {
  throw new ConfigError(issues, { source: 'createOCI' });
};

/**
 * Works out the credentials: an API key, or an IAM signer from explicit fields and/or a config-file profile
 * (explicit fields win). Reads the config file and key file now, and checks that the fingerprint belongs to
 * the key, so that a wrong setup fails here with a `ConfigError` rather than as a 401 during a failover.
 */
export function resolveOCIAuth(settings: OCISettings): OCIAuth {
  const signingGiven = SIGNING_FIELDS.filter((f) => settings[f] !== undefined);
  const useProfile = settings.profile !== undefined || settings.configFile !== undefined;
  if (settings.apiKey !== undefined) {
    if (signingGiven.length || useProfile) {
      const others = [...signingGiven, ...(useProfile ? ['profile'] : [])].join(', ');
      fail([{ path: 'apiKey', message: `apiKey and IAM request signing (${others}) are alternatives: keep one of them.` }]);
    }
    return settings.region === undefined ? { type: 'api-key', apiKey: settings.apiKey } : { type: 'api-key', apiKey: settings.apiKey, region: settings.region };
  }
  if (!signingGiven.length && !useProfile) {
    fail([{ path: 'apiKey', message: 'OCI needs credentials: apiKey (an OCI Generative AI API key), or tenancy, user, fingerprint and privateKey (IAM request signing), or profile (read from ~/.oci/config or OCI_CONFIG_FILE).' }]);
  }
  const homeDir = settings.homeDir ?? homedir();
  const profile: OCIProfile | undefined = useProfile
    ? loadOCIProfile({ profile: settings.profile ?? 'DEFAULT', configFile: settings.configFile, env: settings.env ?? process.env, homeDir })
    : undefined;
  const from = (key: string) => (profile ? ` (or ${key} in profile [${profile.profile}] of ${profile.path})` : '');
  const tenancy = settings.tenancy ?? profile?.tenancy;
  const user = settings.user ?? profile?.user;
  const fingerprint = settings.fingerprint ?? profile?.fingerprint;
  const keyValue = settings.privateKey ?? profile?.keyFile;
  const issues: ConfigIssue[] = [];
  if (!tenancy) issues.push({ path: 'tenancy', message: `IAM signing needs the tenancy OCID${from('tenancy')}.` });
  if (!user) issues.push({ path: 'user', message: `IAM signing needs the user OCID${from('user')}.` });
  if (!fingerprint) issues.push({ path: 'fingerprint', message: `IAM signing needs the API key's fingerprint${from('fingerprint')}.` });
  else if (!FINGERPRINT.test(fingerprint)) issues.push({ path: 'fingerprint', message: 'the fingerprint must be 16 lower-case hex pairs separated by colons, as the OCI Console shows it (12:ab:…).' });
  if (!keyValue) issues.push({ path: 'privateKey', message: `IAM signing needs the private key, as PEM text or a file path${from('key_file')}.` });
  if (issues.length) fail(issues);

  const passphrase = settings.passphrase ?? profile?.passphrase;
  const explicitKey = settings.privateKey !== undefined;
  const privateKey = loadOCIPrivateKey({
    value: keyValue as string,
    passphrase,
    setting: explicitKey ? 'privateKey' : 'profile',
    origin: explicitKey ? 'settings.privateKey' : `key_file of profile [${profile?.profile}] in ${profile?.path}`,
    homeDir,
  });
  const actual = ociKeyFingerprint(privateKey);
  if (actual !== undefined && actual !== fingerprint) {
    fail([{ path: 'fingerprint', message: `the fingerprint ${fingerprint} does not belong to the private key (its fingerprint is ${actual}): use the key pair whose public key was uploaded with that fingerprint.` }]);
  }
  const auth: OCIAuth = { type: 'signature', signer: { keyId: `${tenancy}/${user}/${fingerprint}`, privateKey, now: settings.now ?? Date.now } };
  const region = settings.region ?? profile?.region;
  if (region !== undefined) auth.region = region;
  if (passphrase !== undefined) auth.passphrase = passphrase;
  return auth;
}
