import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { FORWARDED_REQUEST, HOP_BY_HOP, proxyArgs } from './proxy-args.ts';

// The bare proxy on Hono (`@hono/node-server`: Web Request/Response over node:http), the same undici client out:
// what the server layer alone costs against bare-proxy.ts.

const { port, upstream } = proxyArgs();
const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000 });
const app = new Hono();

app.all('*', async (c) => {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  const url = new URL(c.req.url);
  const body = c.req.raw.body ? Buffer.from(await c.req.raw.arrayBuffer()) : undefined;
  const answer = await request(`${upstream}${url.pathname}${url.search}`, { method: c.req.method as 'POST', headers, body, dispatcher, signal: c.req.raw.signal });
  const out = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && typeof value === 'string') out.set(name, value);
  return new Response(Readable.toWeb(answer.body) as ReadableStream, { status: answer.statusCode, headers: out });
});

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
