import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { ConnectionError } from '../../src/errors/connection-error.ts';
import { SwitchyardError } from '../../src/errors/switchyard-error.ts';
import type { HttpRequest, HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { VertexConfig } from './vertex-config.ts';

/**
 * POSTs a JSON body to a Vertex URL with the provider's credentials. `secrets` (the array in `ctx`) receives the
 * credentials used, so that errors can scrub them. On a 401, when the token can be renewed (ADC, a token function),
 * renews it once and sends again; every other error is thrown as is.
 */
export async function sendVertexRequest(
  config: VertexConfig,
  url: string,
  body: string,
  stream: boolean,
  ctx: RequestContext & { secrets: string[] },
  extraHeaders?: Readonly<Record<string, string>>,
): Promise<HttpResponse> {
  const signal = ctx.deadline.signal;
  const build = async (rejected?: Record<string, string>): Promise<HttpRequest> => {
    let auth: Record<string, string>;
    try {
      auth = await config.auth.headers({ signal, rejected });
    } catch (error) {
      // The deadline's typed reason when it fired while waiting for a token; Switchyard's credential errors as they are.
      const reason = ctx.deadline.reason();
      if (reason) throw reason;
      if (SwitchyardError.isInstance(error)) throw error;
      throw new ConnectionError(`${config.id} could not get an access token: ${error instanceof Error ? error.message : String(error)}`, { provider: config.id, cause: error });
    }
    for (const secret of config.auth.secrets()) if (!ctx.secrets.includes(secret)) ctx.secrets.push(secret);
    return { method: 'POST', url, headers: { ...config.headers, ...extraHeaders, ...auth, 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' }, body };
  };
  const first = await build();
  try {
    return await sendRequest(config.transport, first, ctx);
  } catch (error) {
    if (config.auth.canRefresh && AuthenticationError.isInstance(error) && error.status === 401) {
      return await sendRequest(config.transport, await build(first.headers), ctx);
    }
    throw error;
  }
}
