/**
 * The zod parse options for a config: it is parsed once per process, so zod's compiled fast path (a parser it
 * generates with `new Function` on an object schema's first parse) would cost more to build than it saves; without it
 * the same checks run as plain code, and no code is generated (strict CSPs, `--disallow-code-generation-from-strings`).
 */
export const PARSE_ONCE = { jitless: true } as const;
