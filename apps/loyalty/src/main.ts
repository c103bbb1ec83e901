import { closeOnSignal, startService } from '@laoke/platform';
import { loadLoyaltyConfig } from './config';
import { loyaltyService } from './service';

const running = await startService(loyaltyService, loadLoyaltyConfig());
closeOnSignal(running.context.logger, running.close);
