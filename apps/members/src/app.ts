import {
  buildService,
  createPiiCipher,
  systemClock,
  type PiiCipher,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { membersMigrations } from '../migrations';
import type { MembersConfig } from './config';
import { registerCardRoutes } from './http/cards.routes';
import { registerConsentRoutes } from './http/consents.routes';
import { registerMemberQueryRoutes } from './http/member-query.routes';
import { registerErasureRoutes } from './http/erasure.routes';
import { registerMembersRoutes } from './http/members.routes';
import { registerOrganisationRoutes } from './http/organisation.routes';
import { registerReferralRoutes } from './http/referrals.routes';
import { registerServingAssociateRoutes } from './http/serving-associate.routes';
import { registerMemberExportRoutes } from './http/member-exports.routes';
import { registerMemberImportRoutes } from './http/member-imports.routes';
import { memberImportJob } from './scheduling/member-import.job';

export interface MembersDeps extends ServiceDeps<MembersConfig> {
  pii: PiiCipher;
}

export const membersService: ServiceDefinition<MembersDeps> = {
  description: 'Members, cards and profiles (R1–R3). Emits member.* events.',
  tags: [
    { name: 'members', description: 'Member registration and profiles' },
    {
      name: 'organisation',
      description: 'Brand settings and clock, regions, franchisees, stores, staff (R12)',
    },
  ],
  migrations: membersMigrations,
  async routes(app, { db, pii, clock, brandClock }) {
    registerMembersRoutes(app, { db, pii, clock });
    registerOrganisationRoutes(app, { db, pii, clock, brandClock });
    registerCardRoutes(app, { db, pii, clock });
    registerConsentRoutes(app, { db, pii, clock });
    registerReferralRoutes(app, { db, pii, clock });
    registerServingAssociateRoutes(app, { db, pii, clock });
    registerMemberQueryRoutes(app, { db, pii, clock });
    registerErasureRoutes(app, { db, pii, clock });
    await registerMemberImportRoutes(app, { db, pii, clock });
    registerMemberExportRoutes(app, { db, pii });
  },
  jobs: ({ db, pii, clock }) => [memberImportJob({ db, pii, clock })],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: MembersConfig): MembersDeps => ({
  config,
  clock: systemClock,
  pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
});

export const buildApp = (deps: MembersDeps) => buildService(membersService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadMembersConfig as loadConfig } from './config';
