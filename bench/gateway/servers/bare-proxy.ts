import { createServer } from 'node:http';
import { Agent, request } from 'undici';
import { FORWARDED_REQUEST, HOP_BY_HOP, proxyArgs } from './proxy-args.ts';

// The floor of any Node gateway: `node:http` in, undici out (the client Switchyard's transport uses, same pool size),
// bodies piped both ways, no parsing. Run by bench/gateway/run-gateway-bench.ts.

const { port, upstream } = proxyArgs();
const dispatcher = new Agent({ connections: 128, keepAliveTimeout: 60_000 });

createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  request(`${upstream}${req.url}`, { method: req.method as 'POST', headers, body: req, dispatcher, signal: controller.signal }).then(
    (answer) => {
      const out: string[] = [];
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && typeof value === 'string') out.push(name, value);
      res.writeHead(answer.statusCode, out);
      answer.body.on('error', () => res.destroy());
      answer.body.pipe(res);
    },
    () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    },
  );
}).listen(port, '127.0.0.1');
