/**
 * The provider sinks on their own (docker compose): SMS and WeChat over HTTP, e-mail over SMTP;
 * `npm start` runs them in-process instead.
 */
import { startProviderSink, startSmtpSink } from '@laoke/devstack';

const host = process.env['HOST'] ?? '127.0.0.1';
const sink = await startProviderSink(Number(process.env['PORT'] ?? '8089'), host);
const smtp = await startSmtpSink(Number(process.env['SMTP_PORT'] ?? '8025'), host, (email) =>
  process.stdout.write(`e-mail received: "${email.subject}"\n`),
);
process.stdout.write(`SMS and WeChat provider sink on ${sink.url}, SMTP sink on ${smtp.port}\n`);
process.on(
  'SIGTERM',
  () => void Promise.all([sink.stop(), smtp.stop()]).then(() => process.exit(0)),
);
