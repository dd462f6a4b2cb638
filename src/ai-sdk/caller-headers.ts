/**
 * The per-call headers the application set, without the AI SDK's own `user-agent` (`ai/7.0.173 …`, which the SDK
 * adds to every call): Switchyard does not send per-call headers, and warns only about headers someone chose.
 */
export function callerHeaders(headers: Record<string, string | undefined> | undefined): string[] {
  if (!headers) return [];
  const names: string[] = [];
  for (const name in headers) if (headers[name] !== undefined && name.toLowerCase() !== 'user-agent') names.push(name);
  return names;
}
