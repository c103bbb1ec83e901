import { closeOnSignal, startService } from '@laoke/platform';
import { loadNotificationsConfig } from './config';
import { notificationsService } from './service';

const running = await startService(notificationsService, loadNotificationsConfig());
closeOnSignal(running.context.logger, running.close);
