import type { HttpRequest, HttpTransport } from '../../src/http/http-transport.ts';
import { signOCIRequest, type OCIRequestSigner } from './sign-oci-request.ts';

/**
 * Wraps a transport so that every request it sends is signed with an OCI API key, over the exact URL, method
 * and body bytes that go on the wire (a fresh `date` each time, so a resend after an error is signed anew).
 * Its `fetch` signs too, so an official `openai` client handed out as the escape hatch is signed as well.
 * The OpenAI-compatible base cannot sign in `headers()`: that hook does not see the method, URL or body.
 */
export function withOCISigning(transport: HttpTransport, signer: OCIRequestSigner): HttpTransport {
  const signedFetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const signed = signOCIRequest({ method: request.method, url: request.url, headers, body }, signer);
    return transport.fetch(request.url, { method: request.method, headers: signed, body, signal: request.signal, redirect: request.redirect });
  };
  return {
    request: (request: HttpRequest) => transport.request({ ...request, headers: signOCIRequest(request, signer) }),
    // The wrapped transport belongs to whoever created it (the shared default, or the caller's).
    close: async () => {},
    fetch: signedFetch as typeof fetch,
  };
}
