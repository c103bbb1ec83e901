import { randomBytes } from 'node:crypto';
import type { Clock } from '@laoke/platform';
import { createDatabaseIfMissing, dropDatabase, TEST_INTERNAL_TOKEN_SECRET } from '@laoke/testing';
import { inject } from 'vitest';
import { startGateway, type RunningGateway } from '../src/app';
import { loadGatewayConfig } from '../src/config';

/** Where the services behind a gateway under test answer; one URL may stand for several. */
export interface Upstreams {
  members: string;
  loyalty?: string;
  campaigns?: string;
  notifications?: string;
}

/** A fresh gateway database on the run's PostgreSQL; several gateway instances may share it. */
export async function aGatewayDatabase() {
  const adminUrl = inject('postgresAdminUrl');
  const name = `laoke_test_gateway_${randomBytes(4).toString('hex')}`;
  return {
    url: await createDatabaseIfMissing(adminUrl, name),
    drop: () => dropDatabase(adminUrl, name),
  };
}

/**
 * A listening gateway with production wiring: settings go through its config loader. Without a
 * database URL it gets a fresh database of its own, dropped on close.
 */
export async function startGatewayUnderTest(
  upstreams: Upstreams,
  settings: Record<string, string>,
  { databaseUrl, clock }: { databaseUrl?: string; clock?: Clock } = {},
): Promise<RunningGateway> {
  const own = databaseUrl ? undefined : await aGatewayDatabase();
  const gateway = await startGateway({
    clock,
    config: loadGatewayConfig({
      SERVICE_NAME: 'gateway',
      LOG_LEVEL: 'silent',
      MEMBERS_URL: upstreams.members,
      LOYALTY_URL: upstreams.loyalty ?? upstreams.members,
      CAMPAIGNS_URL: upstreams.campaigns ?? upstreams.members,
      NOTIFICATIONS_URL: upstreams.notifications ?? upstreams.members,
      DATABASE_URL: databaseUrl ?? own?.url ?? '',
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ...settings,
    }),
  });
  return {
    ...gateway,
    async close() {
      await gateway.close();
      await own?.drop();
    },
  };
}
