import { closeOnSignal } from '@laoke/platform';
import { buildApp, productionDeps } from './app';
import { loadMembersConfig } from './config';

const app = await buildApp(productionDeps(loadMembersConfig()));
const running = await app.start();
closeOnSignal(running.context.logger, running.close);
