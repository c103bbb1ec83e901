import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake SMS provider received: the real request body of each send. */
export interface SinkMessage {
  to: string;
  text: string;
  reference: string;
  receivedAt: string;
}

export interface ProviderSink {
  url: string;
  messages: () => SinkMessage[];
  stop: () => Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A stand-in for an SMS gateway on the far side of a real HTTP call: `POST /sms` accepts a
 * message, `GET /messages` lists what arrived (for tests and the demo).
 */
export async function startProviderSink(port = 0, host = '127.0.0.1'): Promise<ProviderSink> {
  const received: SinkMessage[] = [];
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/sms') {
      readJson(request)
        .then((body) => {
          const { to, text, reference } = body as Partial<SinkMessage>;
          if (!to || !text || !reference)
            return reply(400, { error: 'to, text and reference are required' });
          received.push({ to, text, reference, receivedAt: new Date().toISOString() });
          return reply(200, { messageId: `sink-${received.length}` });
        })
        .catch(() => reply(400, { error: 'body must be JSON' }));
      return;
    }
    if (request.method === 'GET' && request.url === '/messages') return reply(200, received);
    reply(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`,
    messages: () => [...received],
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
