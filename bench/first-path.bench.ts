/**
 * `npm run bench`: drives the first path through the gateway on a throw-away stack (local
 * PostgreSQL and Kafka, as in the tests) and prints throughput and latency figures.
 * Loopback only; bounded by BENCH_PURCHASES (default 400) at BENCH_CONCURRENCY (default 16).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { startStack } from '@laoke/devstack';

const PURCHASES = Number(process.env['BENCH_PURCHASES'] ?? '400');
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? '16');
const MEMBERS = Math.max(1, Math.ceil(PURCHASES / 4));
const apiKey = `bench-${randomUUID()}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (label: string, samples: number[], seconds: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const figures = [50, 95, 99]
    .map((p) => `p${p} ${percentile(sorted, p).toFixed(1)} ms`)
    .join(', ');
  process.stdout.write(
    `${label.padEnd(28)} ${(samples.length / seconds).toFixed(1)}/s  ${figures}\n`,
  );
};

async function timedPool<T>(
  items: T[],
  work: (item: T) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const t0 = performance.now();
        await work(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const stack = await startStack({ mode: 'test', log: () => {}, apiKey, brandId: 'bench-brand' });
try {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
      body: JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { memberId: string };
  };

  const memberIds: string[] = [];
  const registration = await timedPool(
    Array.from({ length: MEMBERS }, (_, i) => i),
    async (i) => {
      const member = await post('/v1/members', {
        name: `会员${i}`,
        mobile: `13${randomInt(0, 10)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
        homeStoreId: 'SH-001',
      });
      memberIds.push(member.memberId);
    },
  );

  const sentBefore = stack.sink.messages().length;
  const purchases = await timedPool(
    Array.from({ length: PURCHASES }, (_, i) => i),
    async (i) => {
      await post(
        '/v1/purchases',
        {
          storeId: 'SH-001',
          receiptNumber: `B-${i}-${randomUUID().slice(0, 8)}`,
          memberId: memberIds[i % memberIds.length],
          amountFen: randomInt(10_000, 5_000_000),
          lines: [{ sku: 'RING-0001', name: '戒指', quantity: 1, unitPriceFen: 10_000 }],
        },
        { 'idempotency-key': randomUUID() },
      );
    },
  );
  const drainStarted = performance.now();
  while (
    stack.sink.messages().length - sentBefore < PURCHASES &&
    performance.now() - drainStarted < 120_000
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const delivered = stack.sink.messages().length - sentBefore;
  const allDoneSeconds = purchases.seconds + (performance.now() - drainStarted) / 1000;

  process.stdout.write(
    `\nfirst path on 127.0.0.1, ${CONCURRENCY} concurrent clients, ${PURCHASES} purchases\n`,
  );
  summary('POST /v1/members', registration.latencies, registration.seconds);
  summary('POST /v1/purchases', purchases.latencies, purchases.seconds);
  const outcome =
    delivered >= PURCHASES
      ? `all ${PURCHASES} thank-yous at the sink ${allDoneSeconds.toFixed(1)} s after the first purchase`
      : `only ${delivered}/${PURCHASES} thank-yous at the sink after ${allDoneSeconds.toFixed(1)} s`;
  process.stdout.write(`${'purchase → SMS'.padEnd(28)} ${outcome}\n`);
} finally {
  await stack.stop();
}
