import { createPiiCipher, systemClock, type ServiceDefinition } from '@laoke/platform';
import { membersMigrations } from '../migrations';
import type { MembersConfig } from './config';
import { registerMembersRoutes } from './http/members.routes';

export const membersService: ServiceDefinition<MembersConfig> = {
  description: 'Members, cards and profiles (R1–R3). Emits member.* events.',
  tags: [{ name: 'members', description: 'Member registration and profiles' }],
  migrations: membersMigrations,
  routes(app, { db, config }) {
    registerMembersRoutes(app, {
      db,
      pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
      clock: systemClock,
    });
  },
};
