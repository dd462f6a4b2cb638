import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { FORWARDED_REQUEST, HOP_BY_HOP, proxyArgs } from './proxy-args.ts';

// The bare proxy on Fastify (bodies kept as bytes, no JSON parsing), the same undici client out: what the server
// layer alone costs against bare-proxy.ts.

const { port, upstream } = proxyArgs();
const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000 });
const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

app.all('/*', async (req, reply) => {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await request(`${upstream}${req.url}`, { method: req.method as 'POST', headers, body: req.body as Buffer | undefined, dispatcher });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && typeof value === 'string') out[name] = value;
  return reply.code(answer.statusCode).headers(out).send(answer.body);
});

await app.listen({ port, host: '127.0.0.1' });
