import type { OCIConfigSections } from './parse-oci-config-file.ts';

/** A profile's values, with `[DEFAULT]`'s values beneath its own (configparser's inheritance). */
export function ociProfileValues(sections: OCIConfigSections, profile: string): Record<string, string> | undefined {
  const own = sections.get(profile);
  if (own === undefined) return undefined;
  return { ...sections.get('DEFAULT'), ...own };
}
