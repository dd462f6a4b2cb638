type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The content-filter categories that fired in an Azure filter-results object. */
export function firedFilterCategories(results: unknown): string[] {
  if (!isObject(results)) return [];
  const fired: string[] = [];
  for (const [category, value] of Object.entries(results)) {
    if (isObject(value) && (value.filtered === true || (value.detected === true && value.filtered !== false))) fired.push(category);
  }
  return fired;
}
