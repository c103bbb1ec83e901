/**
 * `npm start`: the whole platform on one machine without Docker — PostgreSQL (POSTGRES_URL or
 * embedded), a real Kafka broker, the SMS provider sink, the five services and demo data.
 * Ctrl-C stops everything.
 */
import { startStack } from '@laoke/devstack';
import { seedDemoData } from './demo-data';

const log = (line: string) => process.stdout.write(`[laoke] ${line}\n`);
const apiKey = process.env['LAOKE_DEMO_API_KEY'] ?? 'demo-key-please-change';
const brandId = 'demo-jewelry';

const stack = await startStack({ mode: 'dev', log, apiKey, brandId });
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await stack.stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

await seedDemoData(stack.gatewayUrl, apiKey, log);
log('');
log(`gateway        ${stack.gatewayUrl}   (API key: ${apiKey})`);
log(`API docs       ${stack.gatewayUrl}/docs`);
log(`SMS sink       ${stack.sink.url}/messages   (what the "phone" received)`);
log('Press Ctrl-C to stop.');
