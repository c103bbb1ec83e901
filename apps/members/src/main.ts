import { closeOnSignal, startService } from '@laoke/platform';
import { loadMembersConfig } from './config';
import { membersService } from './service';

const running = await startService(membersService, loadMembersConfig());
closeOnSignal(running.context.logger, running.close);
