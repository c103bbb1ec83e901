import { closeOnSignal } from '@laoke/platform';
import { buildApp, productionDeps } from './app';
import { loadCampaignsConfig } from './config';

const app = await buildApp(productionDeps(loadCampaignsConfig()));
const running = await app.start();
closeOnSignal(running.context.logger, running.close);
