/** Where providers put their request id, in order of preference. */
const REQUEST_ID_HEADERS = ['x-request-id', 'apim-request-id', 'x-ms-request-id', 'opc-request-id', 'x-goog-request-id', 'request-id'];

/** The request id a provider sent in its headers, where it sent one. */
export function readRequestId(headers: Record<string, string> | undefined): string | undefined {
  if (!headers) return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value) return value;
  }
  return undefined;
}
