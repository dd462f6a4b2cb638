import type { ZodObject } from 'zod';
import type { ConfigIssue } from '../errors/config-error.ts';
import type { ProviderDefinition } from '../types/provider-definition.ts';
import { describeValue } from './describe-value.ts';
import { formatZodIssues } from './format-zod-issues.ts';
import { PROVIDER_COMMON_KEYS, providerCommonSchema, type ProviderConfig } from './switchyard-config-schema.ts';
import { closestMatch } from './closest-match.ts';
import { PARSE_ONCE } from './parse-once.ts';

/**
 * Validates each provider entry against the common keys and its type's own schema, strictly: an unknown key
 * is an error, with the key a typo probably meant. Returns the validated entries (common and own keys side
 * by side, as in the file) and every issue found.
 */
export function validateProviders(
  providers: Record<string, unknown>,
  definitions: ReadonlyMap<string, ProviderDefinition>,
  secretPaths: ReadonlySet<string>,
): { providers: Record<string, ProviderConfig>; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const out: Record<string, ProviderConfig> = {};
  const types = [...definitions.keys()];
  for (const [id, entry] of Object.entries(providers)) {
    const prefix = ['providers', id];
    if (id.includes(':')) issues.push({ path: `providers.${id}`, message: 'a provider id cannot contain ":" (it separates the provider from the model in `providerId:model`)' });
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push({ path: `providers.${id}`, message: `expected an object with at least \`type\`, found ${describeValue(entry, false)}` });
      continue;
    }
    const raw = entry as Record<string, unknown>;
    const type = raw.type;
    const definition = typeof type === 'string' ? definitions.get(type) : undefined;
    if (!definition) {
      const guess = typeof type === 'string' ? closestMatch(type, types) : undefined;
      const found = type === undefined ? 'nothing' : describeValue(type, false);
      issues.push({ path: `providers.${id}.type`, message: `${type === undefined ? 'required: ' : ''}expected one of ${types.join(' | ')}, found ${found}.${guess ? ` Did you mean "${guess}"?` : ''}` });
      continue;
    }
    const common: Record<string, unknown> = {};
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) (PROVIDER_COMMON_KEYS.includes(key) ? common : own)[key] = value;

    const commonResult = providerCommonSchema.safeParse(common, PARSE_ONCE);
    if (!commonResult.success) issues.push(...formatZodIssues(commonResult.error.issues, { schema: providerCommonSchema, input: common, prefix, secretPaths }));
    const ownSchema = strictSchemaOf(definition.configSchema);
    const ownResult = ownSchema.safeParse(own, PARSE_ONCE);
    if (!ownResult.success) {
      issues.push(...formatZodIssues(ownResult.error.issues, { schema: ownSchema, input: own, prefix, secretPaths, extraKeys: PROVIDER_COMMON_KEYS }));
    }
    if (commonResult.success && ownResult.success) out[id] = { ...(ownResult.data as Record<string, unknown>), ...commonResult.data };
  }
  return { providers: out, issues };
}

/** Each definition's schema made strict once (a custom definition's may not be), not on every config load. */
const strictSchemas = new WeakMap<ZodObject, ZodObject>();
function strictSchemaOf(schema: ZodObject): ZodObject {
  let strict = strictSchemas.get(schema);
  if (strict === undefined) strictSchemas.set(schema, (strict = schema.strict()));
  return strict;
}
