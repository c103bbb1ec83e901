import { createTransport } from 'nodemailer';
import type { ChannelSender } from './channel-sender';
import { ProviderError, type AttemptRecord } from './provider-call';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  from: string;
  auth?: { user: string; pass: string };
  timeoutMs?: number;
}

/** An e-mail template's first line is its subject; the rest, after a blank line, its body. */
export function emailParts(text: string): { subject: string; body: string } {
  const [subject = '', ...rest] = text.split('\n');
  return { subject: subject.trim(), body: rest.join('\n').trim() };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same text as simple HTML: one paragraph per blank-line-separated block. */
const htmlOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

// Connection trouble and SMTP 4xx ("try again later") may pass; a 5xx answer will not.
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']);
function classify(provider: string, error: unknown): ProviderError {
  // Never the server's text: a refusal may quote the recipient's address.
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  const retryable = responseCode !== undefined ? responseCode < 500 : NETWORK_CODES.has(code ?? '');
  const detail = responseCode
    ? `${provider} answered ${responseCode}`
    : `${provider} failed: ${code ?? 'no connection'}`;
  return new ProviderError(detail.slice(0, 200), provider, retryable);
}

/**
 * E-mail over SMTP with nodemailer: subject and text from the rendered template, HTML made from
 * the text. The reference is the Message-ID, so a resend is recognisably the same message.
 */
export function createSmtpEmailProvider(name: string, options: SmtpOptions): ChannelSender {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.auth && { auth: options.auth }),
    connectionTimeout: options.timeoutMs ?? 5_000,
    greetingTimeout: options.timeoutMs ?? 5_000,
    socketTimeout: options.timeoutMs ?? 5_000,
  });
  return {
    async send(
      message,
      onAttempt?: (attempt: AttemptRecord) => void,
      beforeCall?: (provider: string) => Promise<void>,
    ) {
      await beforeCall?.(name);
      const { subject, body } = emailParts(message.text);
      if (!subject || !body) {
        const error = new ProviderError(
          'the e-mail template gives no subject or body',
          name,
          false,
        );
        onAttempt?.({ provider: name, outcome: 'terminal', detail: error.message });
        throw error;
      }
      try {
        const info = (await transport.sendMail({
          from: options.from,
          to: message.to,
          subject,
          text: body,
          html: htmlOf(body),
          messageId: `<${message.reference}@laoke>`,
        })) as { messageId: string };
        onAttempt?.({ provider: name, outcome: 'sent', detail: info.messageId });
        return { providerMessageId: info.messageId, provider: name };
      } catch (cause) {
        const error = classify(name, cause);
        onAttempt?.({
          provider: name,
          outcome: error.retryable ? 'retryable' : 'terminal',
          detail: error.message,
        });
        throw error;
      }
    },
  };
}
