import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProxyAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createUndiciTransport } from '../../src/http/create-undici-transport.ts';
import { network } from '../setup/network.ts';

/** A loopback forward proxy that answers as the provider itself, recording what reached it. */
function startProxy() {
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_via_proxy' });
      res.end(JSON.stringify({ id: 'chatcmpl-proxy', object: 'chat.completion', created: 1, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, message: { role: 'assistant', content: 'via proxy' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    });
  });
  return new Promise<{ url: string; seen: typeof seen; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe('undici transport proxy support', () => {
  // This test talks to a real loopback proxy, so msw's interception is off for its duration.
  beforeEach(async () => {
    await network.disable();
  });
  afterEach(async () => {
    await network.enable();
  });

  it('should send through HTTP_PROXY, read when the transport is created', async () => {
    const proxy = await startProxy();
    try {
      const transport = createUndiciTransport({ env: { HTTP_PROXY: proxy.url } });
      const openai = createOpenAI({ apiKey: 'sk-proxy-test', baseURL: 'http://api.internal.example/v1', transport });
      const result = await openai.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(result.text).toBe('via proxy');
      expect(proxy.seen).toEqual([{ url: 'http://api.internal.example/v1/chat/completions', auth: 'Bearer sk-proxy-test' }]);
      await transport.close();
    } finally {
      await proxy.close();
    }
  });

  it('should send through a dispatcher given in the settings, ignoring the proxy variables', async () => {
    const proxy = await startProxy();
    const ignored = await startProxy();
    const agent = new ProxyAgent(proxy.url);
    try {
      const transport = createUndiciTransport({ dispatcher: agent, env: { HTTP_PROXY: ignored.url } });
      const result = await createOpenAI({ apiKey: 'sk-proxy-test', baseURL: 'http://api.internal.example/v1', transport }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(result.text).toBe('via proxy');
      expect(proxy.seen).toEqual([{ url: 'http://api.internal.example/v1/chat/completions', auth: 'Bearer sk-proxy-test' }]);
      expect(ignored.seen).toEqual([]);
      await transport.close();
    } finally {
      await agent.close();
      await proxy.close();
      await ignored.close();
    }
  });

  it('should go direct for hosts in NO_PROXY', async () => {
    const proxy = await startProxy();
    const direct = await startProxy();
    try {
      const transport = createUndiciTransport({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      const result = await createOpenAI({ apiKey: 'sk-proxy-test', baseURL: `${direct.url}/v1`, transport }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(result.requestId).toBe('req_via_proxy');
      expect(proxy.seen).toEqual([]);
      expect(direct.seen).toEqual([{ url: '/v1/chat/completions', auth: 'Bearer sk-proxy-test' }]);
      await transport.close();
    } finally {
      await proxy.close();
      await direct.close();
    }
  });
});
