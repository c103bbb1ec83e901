/**
 * `npm start`: the whole platform on one machine without Docker — PostgreSQL (POSTGRES_URL or
 * embedded), a real Kafka broker, the SMS provider sink, the five services and demo data.
 * SIGTERM, SIGINT (Ctrl-C) or SIGHUP stops everything in order and exits 0.
 */
import { abortOnStopSignals, startStack } from '@laoke/devstack';
import { seedDemoData } from './demo-data';
import { seedDemoOrganisation } from './demo-organisation';

const log = (line: string) => process.stdout.write(`[laoke] ${line}\n`);
const apiKey = process.env['LAOKE_DEMO_API_KEY'] ?? 'demo-key-please-change';
const brandId = 'demo-jewelry';

const stopRequested = abortOnStopSignals(log);
const stack = await startStack({ mode: 'dev', log, apiKey, brandId, signal: stopRequested }).catch(
  (error: unknown) => {
    // A start that fails or is stopped has already stopped whatever it had started.
    if (stopRequested.aborted) log('stopped');
    else log(`could not start: ${(error as Error).message}`);
    process.exit(stopRequested.aborted ? 0 : 1);
  },
);

const stopAndExit = async (code: number) => {
  await stack.stop();
  log('stopped');
  process.exit(code);
};
if (stopRequested.aborted) await stopAndExit(0);
stopRequested.addEventListener('abort', () => void stopAndExit(0), { once: true });

try {
  await seedDemoOrganisation(stack.gatewayUrl, apiKey, log);
  await seedDemoData(stack.gatewayUrl, apiKey, log);
} catch (error) {
  if (!stopRequested.aborted) {
    log(`could not add the demo data: ${(error as Error).message}`);
    await stopAndExit(1);
  }
}
if (!stopRequested.aborted) {
  log('');
  log(`gateway        ${stack.gatewayUrl}   (API key: ${apiKey})`);
  log(`API docs       ${stack.gatewayUrl}/docs`);
  log(`SMS sink       ${stack.sink.url}/messages   (what the "phone" received)`);
  log(`WeChat sink    ${stack.sink.url}/wechat/messages   (subscription messages shown)`);
  log(
    `SMTP sink      smtp://${stack.smtp.host}:${stack.smtp.port}   (e-mails; received ones are logged)`,
  );
  log('SIGTERM or Ctrl-C stops everything.');
}
