import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../src/http/create-fetch-transport.ts';
import { createUndiciTransport } from '../../src/http/create-undici-transport.ts';
import { network } from '../setup/network.ts';

describe('HttpTransport', () => {
  for (const [name, make] of [
    ['undici', () => createUndiciTransport()],
    ['fetch', () => createFetchTransport()],
  ] as const) {
    it(`should send method, headers and body and read the response (${name})`, async () => {
      let seen: { url: string; auth: string | null; body: unknown } | undefined;
      network.use(
        http.post('https://api.example.test/v1/echo', async ({ request }) => {
          seen = { url: request.url, auth: request.headers.get('authorization'), body: await request.json() };
          return HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'req_1' } });
        }),
      );
      const transport = make();
      const res = await transport.request({
        method: 'POST',
        url: 'https://api.example.test/v1/echo',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ a: 1 }),
      });
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('req_1');
      expect(JSON.parse(await res.text())).toEqual({ ok: true });
      expect(seen).toEqual({ url: 'https://api.example.test/v1/echo', auth: 'Bearer k', body: { a: 1 } });
      await transport.close();
    });
  }
});
