import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake SMS provider received: the real request body of each send. */
export interface SinkMessage {
  to: string;
  text: string;
  reference: string;
  receivedAt: string;
}

/** What the fake WeChat subscription-message API received. */
export interface SinkWechatMessage {
  touser: string;
  templateId: string;
  data: Record<string, { value: string }>;
  reference: string;
  receivedAt: string;
}

/** An answer the sink keeps back, as if the provider were slow to reply. */
export interface HeldAnswer {
  /** Resolves once the send arrived (and reached the phone). */
  arrived: Promise<SinkMessage>;
  /** Sends the held answer, to whoever still listens. */
  release: () => void;
}

export interface ProviderSink {
  url: string;
  /** What reached the phones: one message per reference, as a real gateway keeps it. */
  messages: () => SinkMessage[];
  /** How many sends arrived with `reference`, repeats included. */
  sendsOf: (reference: string) => number;
  /** Keeps back the answer to the first send with `reference` until released. */
  hold: (reference: string) => HeldAnswer;
  /** Answers the next `times` sends with `reference` with `status`, delivering nothing. */
  fail: (reference: string, times: number, status: number) => void;
  /** WeChat messages shown to members (`POST /wechat`), one per reference. */
  wechatMessages: () => SinkWechatMessage[];
  /** Answers the next WeChat send with `reference` with HTTP 200 and `errcode`, showing nothing. */
  refuseWechat: (reference: string, errcode: number) => void;
  stop: () => Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A stand-in for an SMS gateway on the far side of a real HTTP call: `POST /sms` accepts a
 * message, `GET /messages` lists what arrived (for tests and the demo); `POST /wechat` and
 * `GET /wechat/messages` do the same for WeChat subscription messages. Like real gateways it
 * deduplicates on the sender's `reference`: a repeat is answered with the first message's id
 * and reaches no phone.
 */
export async function startProviderSink(port = 0, host = '127.0.0.1'): Promise<ProviderSink> {
  const received: SinkMessage[] = [];
  const messageIds = new Map<string, string>();
  const sends = new Map<string, number>();
  const failures = new Map<string, { times: number; status: number }>();
  const holds = new Map<string, { arrived: (m: SinkMessage) => void; released: Promise<void> }>();
  const wechat: SinkWechatMessage[] = [];
  const wechatRefusals = new Map<string, number>();

  /**
   * WeChat's subscription-message API: `{touser, template_id, data}` answered with
   * `{errcode, errmsg, msgid}`; the sender's idempotency-key header stands for the reference.
   */
  const acceptWechat = (
    body: { touser?: string; template_id?: string; data?: SinkWechatMessage['data'] },
    reference: string | undefined,
  ): [number, unknown] => {
    if (!body.touser || !body.template_id || !body.data || !reference)
      return [200, { errcode: 47001, errmsg: 'touser, template_id, data and a reference needed' }];
    sends.set(reference, (sends.get(reference) ?? 0) + 1);
    const failure = failures.get(reference);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return [failure.status, { error: 'failing on request' }];
    }
    const errcode = wechatRefusals.get(reference);
    if (errcode !== undefined) {
      wechatRefusals.delete(reference);
      return [200, { errcode, errmsg: 'refused on request' }];
    }
    const known = messageIds.get(reference);
    if (known) return [200, { errcode: 0, errmsg: 'ok', msgid: known }];
    wechat.push({
      touser: body.touser,
      templateId: body.template_id,
      data: body.data,
      reference,
      receivedAt: new Date().toISOString(),
    });
    const msgid = `wx-${wechat.length}`;
    messageIds.set(reference, msgid);
    return [200, { errcode: 0, errmsg: 'ok', msgid }];
  };

  const accept = async (body: Partial<SinkMessage>): Promise<[number, unknown]> => {
    const { to, text, reference } = body;
    if (!to || !text || !reference) return [400, { error: 'to, text and reference are required' }];
    sends.set(reference, (sends.get(reference) ?? 0) + 1);
    const failure = failures.get(reference);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return [failure.status, { error: 'failing on request' }];
    }
    const known = messageIds.get(reference);
    if (known) return [200, { messageId: known, duplicate: true }];
    const message = { to, text, reference, receivedAt: new Date().toISOString() };
    received.push(message);
    const messageId = `sink-${received.length}`;
    messageIds.set(reference, messageId);
    const held = holds.get(reference);
    if (held) {
      holds.delete(reference);
      held.arrived(message);
      await held.released;
    }
    return [200, { messageId }];
  };

  const server = createServer((request, response) => {
    const reply = ([status, body]: [number, unknown]) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/sms') {
      readJson(request)
        .then((body) => accept(body as Partial<SinkMessage>).then(reply))
        .catch(() => reply([400, { error: 'body must be JSON' }]));
      return;
    }
    if (request.method === 'POST' && request.url === '/wechat') {
      const reference = request.headers['idempotency-key'];
      readJson(request)
        .then((body) =>
          reply(acceptWechat(body as Parameters<typeof acceptWechat>[0], reference as string)),
        )
        .catch(() => reply([400, { error: 'body must be JSON' }]));
      return;
    }
    if (request.method === 'GET' && request.url === '/messages') return reply([200, received]);
    if (request.method === 'GET' && request.url === '/wechat/messages') return reply([200, wechat]);
    reply([404, { error: 'not found' }]);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`,
    messages: () => [...received],
    sendsOf: (reference) => sends.get(reference) ?? 0,
    hold(reference) {
      let release = () => {};
      let arrived = (_message: SinkMessage) => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrival = new Promise<SinkMessage>((resolve) => (arrived = resolve));
      holds.set(reference, { arrived, released });
      return { arrived: arrival, release };
    },
    fail: (reference, times, status) => failures.set(reference, { times, status }),
    wechatMessages: () => [...wechat],
    refuseWechat: (reference, errcode) => wechatRefusals.set(reference, errcode),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
