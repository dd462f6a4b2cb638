// The reading lives in src/http, where the router also reads these headers on a 429; re-exported for the adapters.
export { readRateLimitHeaders } from '../../src/http/read-rate-limit-headers.ts';
