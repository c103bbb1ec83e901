import { closeOnSignal, createLogger } from '@laoke/platform';
import { startGateway } from './app';
import { loadGatewayConfig } from './config';

const config = loadGatewayConfig();
const gateway = await startGateway({ config });
closeOnSignal(createLogger(config.SERVICE_NAME), gateway.close);
