import { closeOnSignal, startService } from '@laoke/platform';
import { loadCampaignsConfig } from './config';
import { campaignsService } from './service';

const running = await startService(campaignsService, loadCampaignsConfig());
closeOnSignal(running.context.logger, running.close);
