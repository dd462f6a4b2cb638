/** A Gemini 3 thinking level, as Switchyard names it (sent upper-case as `thinkingLevel`). */
export type VertexThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

/**
 * How a Gemini model controls thinking:
 * - `budget` (Gemini 2.5): `thinkingConfig.thinkingBudget` in `[min, max]` tokens; `0` turns thinking off where `canDisable`.
 * - `level` (Gemini 3 and later): `thinkingConfig.thinkingLevel`, one of `levels`; thinking cannot be turned off.
 * - `none`: the model does not think (Gemini 2.0, 1.5).
 */
export type VertexThinking =
  | { kind: 'budget'; min: number; max: number; canDisable: boolean }
  | { kind: 'level'; levels: readonly VertexThinkingLevel[] }
  | { kind: 'none' };

const ALL_LEVELS: readonly VertexThinkingLevel[] = ['minimal', 'low', 'medium', 'high'];

/**
 * The thinking control of a Gemini model, by its id (the last segment of a resource path); undefined when the model is
 * not a Gemini model Switchyard knows (a tuned endpoint, another publisher).
 *
 * Sources: Google's thinking docs for Vertex AI and the Gemini API — Gemini 3 "use thinking_level" ("You cannot disable
 * thinking for Gemini 3 Pro"; "thinkingBudget is accepted for backwards compatibility"; the two "cannot be used in the
 * same request"), Gemini 3 Pro levels `low`/`high`, Gemini 3 Flash `minimal`/`low`/`medium`/`high` (the model page:
 * "最低、低、中或高"), Gemini 3.1 Pro `low`/`medium`/`high` and 3.1 Flash-Lite all four (Google's levels table as
 * reproduced by Vercel's AI Gateway docs); Gemini 2.5 budget ranges — Pro 128 to 32768 and cannot disable thinking,
 * Flash 0 to 24576, Flash-Lite 512 to 24576 with 0 turning it off — as quoted from Google's thinking page by several
 * SDKs (the page's own table was not readable here: not confirmed from the primary source itself). Later Gemini
 * generations are assumed to take all four levels (not confirmed).
 */
export function vertexThinkingFor(model: string): VertexThinking | undefined {
  const id = model.slice(model.lastIndexOf('/') + 1);
  if (/^gemini-2\.5-flash-lite/.test(id)) return { kind: 'budget', min: 512, max: 24576, canDisable: true };
  if (/^gemini-2\.5-flash/.test(id)) return { kind: 'budget', min: 1, max: 24576, canDisable: true };
  if (/^gemini-2\.5-pro/.test(id)) return { kind: 'budget', min: 128, max: 32768, canDisable: false };
  if (/^gemini-(1\.|2\.0|2-)/.test(id)) return { kind: 'none' };
  if (/^gemini-3(\.0)?-pro/.test(id)) return { kind: 'level', levels: ['low', 'high'] };
  if (/^gemini-3\.1-pro/.test(id)) return { kind: 'level', levels: ['low', 'medium', 'high'] };
  const major = /^gemini-(\d+)/.exec(id)?.[1];
  if (major !== undefined && Number(major) >= 3) return { kind: 'level', levels: ALL_LEVELS };
  return undefined;
}
