/** The SMS provider sink on its own (docker compose); `npm start` runs it in-process instead. */
import { startProviderSink } from '@laoke/devstack';

const sink = await startProviderSink(
  Number(process.env['PORT'] ?? '8089'),
  process.env['HOST'] ?? '127.0.0.1',
);
process.stdout.write(`SMS provider sink on ${sink.url}\n`);
process.on('SIGTERM', () => void sink.stop().then(() => process.exit(0)));
