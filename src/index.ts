export type * from './types/index.ts';
export * from './errors/index.ts';
export { createFetchTransport } from './http/create-fetch-transport.ts';
export { createUndiciTransport, type UndiciTransportSettings } from './http/create-undici-transport.ts';
export type { HttpRequest, HttpResponse, HttpTransport } from './http/http-transport.ts';
