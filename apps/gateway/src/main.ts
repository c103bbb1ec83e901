import { closeOnSignal, createLogger } from '@laoke/platform';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

const config = loadGatewayConfig();
const gateway = await startGateway(config);
closeOnSignal(createLogger(config.SERVICE_NAME), gateway.close);
