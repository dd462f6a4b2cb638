import type { VertexSafetyRating } from './vertex-wire-types.ts';

/** The safety categories a list of ratings blocked. */
export function vertexBlockedCategories(ratings: VertexSafetyRating[] | undefined): string[] {
  return (ratings ?? []).filter((r) => r.blocked && r.category).map((r) => r.category as string);
}
