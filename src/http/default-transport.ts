import { createUndiciTransport } from './create-undici-transport.ts';
import type { HttpTransport } from './http-transport.ts';

let shared: HttpTransport | undefined;

/** The process-wide undici transport that adapters share unless given their own; created on first use. */
export function getDefaultTransport(): HttpTransport {
  shared ??= createUndiciTransport();
  return shared;
}
