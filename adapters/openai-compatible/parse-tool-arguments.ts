/** Parses a tool call's JSON arguments; returns the raw text when it is not valid JSON (the model's mistake, kept visible). */
export function parseToolArguments(raw: string): unknown {
  if (raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
