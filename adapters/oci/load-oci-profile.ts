import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/errors/config-error.ts';
import { expandHome } from './expand-home.ts';
import { ociProfileValues } from './oci-profile-values.ts';
import { parseOCIConfigFile } from './parse-oci-config-file.ts';
import { resolveOCIConfigPath } from './resolve-oci-config-path.ts';

/** Where to find the OCI config file and which profile to read. */
export interface OCIProfileSource {
  /** The profile (section) name. */
  profile: string;
  /** An explicit config file path (`~` expanded); else the SDKs' search order. */
  configFile?: string;
  /** Where `OCI_CONFIG_FILE` is read. */
  env: Record<string, string | undefined>;
  /** What `~` stands for. */
  homeDir: string;
}

/** The signing fields of one profile of the OCI config file. */
export interface OCIProfile {
  /** The config file the profile was read from. */
  path: string;
  /** The profile name. */
  profile: string;
  /** `tenancy`: the tenancy OCID. */
  tenancy?: string;
  /** `user`: the user OCID. */
  user?: string;
  /** `fingerprint`: the API signing key's fingerprint. */
  fingerprint?: string;
  /** `key_file`, with `~` expanded. */
  keyFile?: string;
  /** `pass_phrase`. */
  passphrase?: string;
  /** `region`, such as `us-chicago-1`. */
  region?: string;
}

const fail = (message: string): never => {
  throw new ConfigError([{ path: 'profile', message }], { source: 'createOCI' });
};

/** Reads one profile of the OCI config file (synchronously: when the provider is created, never at import). */
export function loadOCIProfile(source: OCIProfileSource): OCIProfile {
  const path = resolveOCIConfigPath(source);
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hint = source.configFile ? 'fix settings.configFile (config key `configFile`)' : 'create it with `oci setup config`, set OCI_CONFIG_FILE, or set configFile';
    fail(code === 'ENOENT' ? `the OCI config file ${path} does not exist: ${hint}.` : `cannot read the OCI config file ${path} (${code ?? 'read error'}): make it a readable file, or ${hint}.`);
  }
  const sections = parseOCIConfigFile(text, path);
  const values = ociProfileValues(sections, source.profile);
  if (values === undefined) {
    const names = [...sections.keys()];
    fail(`profile [${source.profile}] is not in ${path} (${names.length ? `profiles there: ${names.join(', ')}` : 'it has no profiles'}): set profile to one of them, or add a [${source.profile}] section.`);
  }
  const v = values as Record<string, string>;
  const profile: OCIProfile = { path, profile: source.profile };
  if (v.tenancy) profile.tenancy = v.tenancy;
  if (v.user) profile.user = v.user;
  if (v.fingerprint) profile.fingerprint = v.fingerprint;
  if (v.key_file) profile.keyFile = expandHome(v.key_file, source.homeDir);
  if (v.pass_phrase) profile.passphrase = v.pass_phrase;
  if (v.region) profile.region = v.region;
  return profile;
}
