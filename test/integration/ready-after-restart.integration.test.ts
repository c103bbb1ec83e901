import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createDatabaseIfMissing, dropDatabase, freePort } from '@laoke/devstack';
import { createKafka, createLogger, describeConsumerGroup } from '@laoke/platform';
import {
  aTopicNamespace,
  eventually,
  type TopicNamespace,
  TEST_INTERNAL_TOKEN_SECRET,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const WORKSPACE = resolve(import.meta.dirname, '../..');
// A killed member stays in its group until its session times out (30 s), so the rejoin is slow.
const REJOIN_TIMEOUT_MS = 90_000;

let ns: TopicNamespace;
let databaseName: string;
let databaseUrl: string;
let running: ChildProcess | undefined;
const kafka = () =>
  createKafka({
    brokers: inject('kafkaBrokers'),
    clientId: `ready-test-${databaseName}`,
    logger: createLogger('ready-test', 'silent'),
  });

/** Campaigns as its own process, as `nx serve` runs it: one consumer group and the relay. */
async function startCampaigns(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/campaigns/src/main.ts'], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      SERVICE_NAME: 'campaigns',
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      // Asked only about a member without follow-up steps, which this test never lists.
      MEMBERS_URL: 'http://127.0.0.1:9',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      KAFKA_TOPIC_PREFIX: ns.prefix,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  running = child;
  return { url: `http://127.0.0.1:${port}`, process: child };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** Polls `/health/ready` and describes the consumer group the moment it first answers 200. */
async function groupWhenFirstReady(url: string) {
  let notReadyAnswers = 0;
  const group = await eventually(async () => {
    const response = await fetch(`${url}/health/ready`);
    if (response.status !== 200) {
      notReadyAnswers += 1;
      throw new Error(`answered ${response.status}`);
    }
    return describeConsumerGroup(kafka(), `${ns.prefix}campaigns.follow-up-cadence`);
  }, REJOIN_TIMEOUT_MS);
  return { group, notReadyAnswers };
}

beforeAll(async () => {
  ns = await aTopicNamespace();
  databaseName = `laoke_test_ready_${randomBytes(4).toString('hex')}`;
  databaseUrl = await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName);
});

afterAll(async () => {
  if (running && running.exitCode === null && running.signalCode === null) await kill(running);
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
});

describe('readiness after a crash', () => {
  it(
    'after a kill -9 and restart, the first 200 from /health/ready comes once the consumer has joined its group again',
    async () => {
      const first = await startCampaigns();
      const before = await groupWhenFirstReady(first.url);
      expect(before.group.state).toBe('Stable');
      expect(before.group.members).toHaveLength(1);
      await kill(first.process);

      const restarted = await startCampaigns();
      const after = await groupWhenFirstReady(restarted.url);

      expect(after.group.state).toBe('Stable');
      expect(after.group.members).toHaveLength(1);
      expect(after.group.members[0]?.memberId).not.toBe(before.group.members[0]?.memberId);
      expect(after.notReadyAnswers).toBeGreaterThan(0);
    },
    2 * REJOIN_TIMEOUT_MS,
  );
});
