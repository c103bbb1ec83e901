import { closeOnSignal } from '@laoke/platform';
import { buildApp, productionDeps } from './app';
import { loadLoyaltyConfig } from './config';

const app = await buildApp(productionDeps(loadLoyaltyConfig()));
const running = await app.start();
closeOnSignal(running.context.logger, running.close);
