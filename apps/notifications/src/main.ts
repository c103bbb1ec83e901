import { closeOnSignal } from '@laoke/platform';
import { buildApp, productionDeps } from './app';
import { loadNotificationsConfig } from './config';

const app = await buildApp(productionDeps(loadNotificationsConfig()));
const running = await app.start();
closeOnSignal(running.context.logger, running.close);
