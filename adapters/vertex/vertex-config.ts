import type { HttpTransport } from '../../src/http/http-transport.ts';
import type { CapacityRequestType } from '../../src/types/capacity-tier.ts';
import type { VertexAuth } from './vertex-auth.ts';
import type { VertexSignatureStore } from './vertex-signature-store.ts';
import type { VertexPublisher } from './vertex-publisher.ts';
import type { VertexMethod } from './vertex-url.ts';

/** Everything the Vertex calls share: built once by `createVertex`. Internal. */
export interface VertexConfig {
  /** The provider's id. */
  id: string;
  /** The transport. */
  transport: HttpTransport;
  /** The URL of a method for a model. */
  url(model: string, method: VertexMethod, publisher?: VertexPublisher): string;
  /** The credentials. */
  auth: VertexAuth;
  /** Extra headers on every request (lower-case names). */
  headers: Record<string, string>;
  /** The provider's `requestType`, for requests that set none. */
  requestType?: CapacityRequestType;
  /** Thought signatures of the function calls this provider returned. */
  signatures: VertexSignatureStore;
}
