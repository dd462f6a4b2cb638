import { HttpRequestInterceptor } from '@mswjs/interceptors/http';
import { defineNetwork, InterceptorSource } from 'msw/experimental';

/**
 * The msw network every test uses. It intercepts at Node's HTTP layer, so it sees undici's own
 * `request` (Switchyard's transport), the built-in `fetch`, and official clients alike.
 * Unhandled requests fail the test: nothing reaches the real network.
 */
export const network = defineNetwork({
  sources: [new InterceptorSource({ interceptors: [new HttpRequestInterceptor()] })],
  handlers: [],
  onUnhandledFrame: 'error',
  context: { quiet: true },
});
