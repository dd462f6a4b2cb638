import { normalizeModelVersion } from './normalize-model-version.ts';

/**
 * What a model id says about its version:
 * - `snapshot`: a dated or stable version that never changes (`gpt-4o-2024-08-06`, `gemini-2.0-flash-001`);
 * - `floating`: an alias the provider repoints to newer versions (`gpt-4o`, `gemini-2.5-flash`, `*-latest`);
 * - `unknown`: Switchyard cannot tell (self-hosted and catalog ids on CoreWeave and OCI, which the operator pins).
 */
export type VersionKind = 'snapshot' | 'floating' | 'unknown';

/** The classification of one model id, with the rule that decided it. */
export interface ModelVersionClass {
  kind: VersionKind;
  /** Why, in words (for messages and `switchyard pins`). */
  reason: string;
}

// OpenAI ids whose only snapshot is the id itself (the models pages list no dated snapshot for them).
const OPENAI_FIXED = new Set(['text-embedding-3-small', 'text-embedding-3-large']);

const DATED = /-\d{4}-\d{2}-\d{2}(?:$|-)/;
const MMDD = /-(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:-[a-z]+)*$/;
const STABLE_3 = /-\d{3}$/;
const AT_VERSION = /@\d+$/;
const GOOGLE_DATED_PREVIEW = /-(?:preview|exp)(?:-[a-z-]+)?-(?:\d{2}-\d{2}|\d{2}-\d{4}|\d{4})$/;
const PREVIEW = /-(?:preview|exp)(?:$|-)/;

/**
 * Classifies a model id for a provider type (see wire-formats.md §6 for the sources of each rule).
 *
 * OpenAI and Azure OpenAI (for Azure, pass the deployment's configured model, not the deployment name):
 * `ft:` fine-tunes and ids with a date (`-2024-08-06`) or an `-MMDD` suffix (`gpt-3.5-turbo-0125`,
 * `gpt-4-1106-preview`) or a three-digit version (`text-embedding-ada-002`) are snapshots; `*-latest`
 * and every other id (`gpt-4o`, `gpt-4.1`, `gpt-5`, `o3`, `o1-preview`) float.
 *
 * Vertex: a three-digit suffix (`gemini-2.0-flash-001`, `text-embedding-005`), an `@version`
 * (`multimodalembedding@001`) and dated previews (`gemini-2.5-flash-preview-05-20`,
 * `gemini-2.5-flash-preview-09-2025`, `gemini-exp-1206`) are snapshots; `*-latest`, undated previews
 * (`gemini-3-pro-preview`) and unsuffixed ids (`gemini-2.5-flash`, Google's auto-updated aliases) float.
 *
 * Claude on Vertex (`claude-*` ids): a `@YYYYMMDD` date (`claude-sonnet-4-5@20250929`) is a snapshot; a bare id
 * (`claude-opus-4-6`, how Claude 4.6 and later are named on Vertex) carries no snapshot date and is flagged floating.
 *
 * CoreWeave, OCI and any other type: `unknown` (the operator pins what a catalog or self-hosted id serves).
 *
 * Sources (see /work/shared/reference/wire-formats.md §6): OpenAI's `ModelIdsShared` enum lists dated snapshots
 * beside the aliases that move, and a response's `model` names the snapshot served; OpenAI's deprecations page
 * explains `-MMDD` ids; Google's "Model versions and lifecycle" page defines stable versions by their three-digit
 * suffix and unsuffixed ids as auto-updated aliases; Azure deployments pin a model name and version.
 */
export function classifyModelVersion(model: string, providerType: string): ModelVersionClass {
  const id = normalizeModelVersion(model);
  if (providerType === 'openai' || providerType === 'azure-openai') return classifyOpenAI(id);
  if (providerType === 'vertex') return classifyGoogle(id);
  return { kind: 'unknown', reason: `${providerType} model ids carry no version Switchyard can read; the operator pins what they serve` };
}

function classifyOpenAI(id: string): ModelVersionClass {
  if (id.startsWith('ft:')) return { kind: 'snapshot', reason: 'a fine-tuned model never changes' };
  if (/-latest$/.test(id) || id.includes('-latest-')) return { kind: 'floating', reason: '`-latest` ids move to new versions' };
  if (DATED.test(id)) return { kind: 'snapshot', reason: 'a dated snapshot' };
  if (MMDD.test(id)) return { kind: 'snapshot', reason: 'a dated snapshot (-MMDD)' };
  if (STABLE_3.test(id) || OPENAI_FIXED.has(id)) return { kind: 'snapshot', reason: 'a fixed model version' };
  return { kind: 'floating', reason: 'an undated alias that the provider points at its newest snapshot' };
}

function classifyGoogle(id: string): ModelVersionClass {
  if (id.startsWith('claude-')) {
    // normalizeModelVersion wrote the @YYYYMMDD date as -YYYYMMDD.
    if (/-\d{8}$/.test(id)) return { kind: 'snapshot', reason: 'a dated Claude snapshot (@YYYYMMDD)' };
    return { kind: 'floating', reason: 'a Claude id without @YYYYMMDD: the id pins no snapshot (newer Claude models on Vertex have bare ids), pin the version served' };
  }
  if (AT_VERSION.test(id)) return { kind: 'snapshot', reason: 'an @version id' };
  if (/-latest$/.test(id)) return { kind: 'floating', reason: '`-latest` ids move to new versions' };
  if (STABLE_3.test(id)) return { kind: 'snapshot', reason: 'a stable version (three-digit suffix)' };
  if (GOOGLE_DATED_PREVIEW.test(id)) return { kind: 'snapshot', reason: 'a dated preview' };
  if (PREVIEW.test(id)) return { kind: 'floating', reason: 'an undated preview, which Google may update in place' };
  return { kind: 'floating', reason: 'an auto-updated alias that points at the latest stable version' };
}
