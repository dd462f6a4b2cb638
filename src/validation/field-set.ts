/** Every key of every member of a union (`keyof` of a union has only the keys all members share). */
export type AllKeys<T> = T extends unknown ? keyof T & string : never;

/**
 * The field names of a contract type as a set, for the request validator, checked by the compiler both ways: a
 * name the type does not have, or a field of the type missing from `names`, is a type error naming it. So a field
 * added to `ChatRequest` (or a message, part or setting) cannot be left unknown to the validator.
 * @example const TOOL_KEYS = fieldSet<ToolDefinition>()(['name', 'description', 'parameters', 'strict']);
 */
export function fieldSet<T>() {
  return <const Names extends readonly AllKeys<T>[]>(
    names: Names & ([Exclude<AllKeys<T>, Names[number]>] extends [never] ? unknown : { missingFields: Exclude<AllKeys<T>, Names[number]> }),
  ): ReadonlySet<string> => new Set<string>(names);
}
