import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createKafka, describeCluster, type Logger } from '@laoke/platform';
import { freePort, killOnExit, stopProcess, waitFor } from './local-process';

export const KAFKA_VERSION = '3.9.1';
const POM = resolve(import.meta.dirname, '../../../tools/kafka/pom.xml');

const quiet = {
  child: () => quiet,
  error() {},
  warn() {},
  info() {},
  debug() {},
} as unknown as Logger;

/** A client for setting up the broker; start-up noise while it boots is expected and not logged. */
export const devstackKafka = (brokers: string[]) =>
  createKafka({ brokers, clientId: 'laoke-devstack', logger: quiet });

export interface KafkaBroker {
  brokers: string[];
  stop: () => Promise<void>;
}

/** Fetches the broker jars from Maven Central once; later runs reuse the cache. */
export function ensureKafkaJars(cacheDir: string, log: (line: string) => void): string {
  const libs = join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs');
  if (existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars with Maven into ${libs}`);
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      POM,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0)
    throw new Error('Maven could not fetch the Kafka jars (is mvn installed?)');
  return libs;
}

function serverProperties(
  dataDir: string,
  brokerPort: number,
  controllerPort: number,
  partitions: number,
) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dataDir, 'data')}`,
    `num.partitions=${partitions}`,
    // One node can never meet the default replication factor of 3.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created up front by the project; a typo must fail, not create a topic.
    'auto.create.topics.enable=false',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, file',
  'log4j.appender.file=org.apache.log4j.FileAppender',
  'log4j.appender.file.File=${kafka.logs.dir}/server.log',
  'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka=INFO',
  'log4j.logger.org.apache.kafka=WARN',
].join('\n');

/**
 * A KRaft cluster id: a random UUID in base64url, drawn again when it starts with "-", which the
 * storage tool would read as an option (Kafka's own ids avoid it the same way).
 */
function newClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Starts a real single-node Apache Kafka in KRaft mode with Java, on free ports, with its
 * data and log in `runDir`. Uses KAFKA_BROKERS instead when that is set.
 */
export async function provideKafka(options: {
  /** Brokers of a running cluster to use; defaults to KAFKA_BROKERS. */
  given?: string[];
  cacheDir: string;
  runDir: string;
  partitions: number;
  log: (line: string) => void;
  /** Gives up waiting for the broker (and stops it). */
  signal?: AbortSignal;
}): Promise<KafkaBroker> {
  const fromEnv = options.given ?? process.env['KAFKA_BROKERS']?.split(',');
  if (fromEnv) return { brokers: fromEnv, stop: async () => {} };

  const libs = ensureKafkaJars(options.cacheDir, options.log);
  const [brokerPort, controllerPort] = [await freePort(), await freePort()];
  await rm(options.runDir, { recursive: true, force: true });
  await mkdir(options.runDir, { recursive: true });
  const propertiesFile = join(options.runDir, 'server.properties');
  const log4jFile = join(options.runDir, 'log4j.properties');
  await writeFile(
    propertiesFile,
    serverProperties(options.runDir, brokerPort, controllerPort, options.partitions),
  );
  await writeFile(log4jFile, LOG4J);

  const classpath = `${libs}/*`;
  const clusterId = newClusterId();
  const format = spawnSync(
    'java',
    ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`formatting Kafka storage failed: ${format.stderr}`);

  const out = openSync(join(options.runDir, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dkafka.logs.dir=${options.runDir}`,
      `-Dlog4j.configuration=file:${log4jFile}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      propertiesFile,
    ],
    // Its own process group: a terminal's Ctrl-C reaches the dev stack, which stops it in order.
    { stdio: ['ignore', out, out], detached: true },
  );
  // A run that dies must not leave a broker behind.
  const undoKillOnExit = killOnExit(child);
  const stop = async () => {
    await stopProcess(child, 15_000);
    undoKillOnExit();
  };

  const brokers = [`127.0.0.1:${brokerPort}`];
  const kafka = devstackKafka(brokers);
  await waitFor(
    'Kafka',
    async () => {
      if (child.exitCode !== null)
        throw new Error(`broker exited; see ${options.runDir}/server.log`);
      await describeCluster(kafka);
    },
    { timeoutMs: 90_000, intervalMs: 500, signal: options.signal },
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  options.log(`Apache Kafka ${KAFKA_VERSION} (KRaft) on ${brokers[0]}`);
  return { brokers, stop };
}
