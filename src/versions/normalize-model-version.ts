/**
 * Normalises a model version for comparison: trims, lower-cases, drops resource-name prefixes that name the
 * same model (`projects/p/locations/l/publishers/google/models/`, `publishers/google/models/`, `models/`), and writes a
 * Claude date the way responses report it: Vertex ids are `claude-sonnet-4-5@20250929`, and the response's `model` is
 * `claude-sonnet-4-5-20250929`.
 * Vertex reports `modelVersion` as a bare id on generateContent but tools and gateways sometimes echo the full
 * resource name; OpenAI and Azure ids are compared case-insensitively because nothing distinguishes ids by case.
 *
 * @example normalizeModelVersion('publishers/google/models/Gemini-2.0-Flash-001') // 'gemini-2.0-flash-001'
 * @example normalizeModelVersion('publishers/anthropic/models/claude-sonnet-4-5@20250929') // 'claude-sonnet-4-5-20250929'
 */
export function normalizeModelVersion(id: string): string {
  let value = id.trim().toLowerCase();
  const publisher = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/[^/]+\/models\//.exec(value);
  if (publisher) value = value.slice(publisher[0].length);
  else if (value.startsWith('models/')) value = value.slice('models/'.length);
  if (value.startsWith('claude-')) value = value.replace(/@(\d{8})$/, '-$1');
  return value;
}
