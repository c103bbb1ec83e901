import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An e-mail as the sink received it over SMTP, decoded. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  receivedAt: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Every message received, in order. */
  messages: () => ReceivedEmail[];
  /** Refuses the recipient of the next `times` messages with the SMTP `responseCode` (451, 550 …). */
  refuse: (times: number, responseCode: number) => void;
  stop: () => Promise<void>;
}

/** Unfolds the header block into lower-case name → raw value. */
function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const qp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`), as nodemailer writes non-ASCII subjects. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : qp(text.replace(/_/g, ' ')),
    );

const decodeBody = (body: string, encoding = '') =>
  encoding.toLowerCase() === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding.toLowerCase() === 'quoted-printable'
      ? qp(body)
      : body;

/** The text and HTML parts of a MIME message (single part or multipart/alternative). */
function partsOf(raw: string): { headers: Map<string, string>; text: string; html: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) {
    const decoded = decodeBody(body, headers.get('content-transfer-encoding')).trimEnd();
    return type.startsWith('text/html')
      ? { headers, text: '', html: decoded }
      : { headers, text: decoded, html: '' };
  }
  let text = '';
  let html = '';
  for (const part of body.split(`--${boundary}`).slice(1, -1)) {
    const inner = partsOf(part.replace(/^\r?\n/, ''));
    text ||= inner.text;
    html ||= inner.html;
  }
  return { headers, text, html };
}

/**
 * A real SMTP server on loopback that keeps what it receives, for dev and tests: the e-mail
 * channel's provider is reached over real SMTP, never faked in-process. No TLS, no login.
 */
export async function startSmtpSink(
  port = 0,
  host = '127.0.0.1',
  onMessage?: (email: ReceivedEmail) => void,
): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  const refusal = { times: 0, responseCode: 0 };
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal.times === 0) return callback();
      refusal.times -= 1;
      const error = Object.assign(new Error('refused on request'), {
        responseCode: refusal.responseCode,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { headers, text, html } = partsOf(Buffer.concat(chunks).toString('utf8'));
        const email: ReceivedEmail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeWords(headers.get('subject') ?? ''),
          text,
          html,
          messageId: headers.get('message-id') ?? '',
          receivedAt: new Date().toISOString(),
        };
        received.push(email);
        onMessage?.(email);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.server.address() as AddressInfo;
  return {
    host: host === '0.0.0.0' ? '127.0.0.1' : host,
    port: actualPort,
    messages: () => [...received],
    refuse: (times, responseCode) => Object.assign(refusal, { times, responseCode }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
