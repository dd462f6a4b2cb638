/** FNV-1a, 32 bits, as 8 hex digits: a short deterministic fingerprint. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * A stable id for the `index`-th function call of a response. Vertex v1 function calls have no id, so the id is
 * derived from the response: `call_{responseId}_{index}` (the same for the streamed and the whole response),
 * or, when a proxy dropped `responseId`, from the call itself. The provider's own `id` wins where it sends one.
 * Ids stay under 40 characters, so the history can be replayed to any provider after a failover.
 */
export function vertexToolCallId(options: { id?: string; responseId?: string; index: number; name: string; args: unknown }): string {
  if (options.id) return options.id;
  const source = options.responseId && /^[\w-]{1,28}$/.test(options.responseId) ? options.responseId : fingerprint(`${options.responseId ?? ''}|${options.name}|${JSON.stringify(options.args ?? {})}`);
  return `call_${source}_${options.index}`;
}
