/**
 * `npm run bench`: drives sustained POS purchases through the gateway on a throw-away stack
 * (local PostgreSQL and Kafka, as in the tests) and prints throughput and latency beside the raw
 * limit measured in the same run: the same writes done by plain pg clients on the same database.
 * Loopback only; bounded in time by BENCH_SECONDS (default 60) at BENCH_CONCURRENCY (default 16).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { startStack } from '@laoke/devstack';
import { measureRawPurchaseTransaction } from './raw-purchase-transaction';
import { ratePerSecond, summaryLine, timedLoop, timedPool } from './timed-loop';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '60');
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? '16');
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? '200');
const apiKey = `bench-${randomUUID()}`;
const print = (line: string) => process.stdout.write(`${line}\n`);

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

  // The bench runs at any hour: its brand sends care messages at night too (no quiet hours).
  await fetch(`${stack.gatewayUrl}/v1/notification-policy`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ sendingWindows: [] }),
  });

  const memberIds: string[] = [];
  const registration = await timedPool(
    CONCURRENCY,
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
  let receipts = 0;
  const purchases = await timedLoop(
    Array.from({ length: CONCURRENCY }, (_, client) => client),
    SECONDS,
    async () => {
      const i = receipts++;
      // Loyalty refuses an amount that is not the sum of the lines.
      const amountFen = randomInt(10_000, 5_000_000);
      await post(
        '/v1/purchases',
        {
          storeId: 'SH-001',
          receiptNumber: `B-${i}-${randomUUID().slice(0, 8)}`,
          memberId: memberIds[i % memberIds.length],
          amountFen,
          lines: [{ sku: 'RING-0001', name: '戒指', quantity: 1, unitPriceFen: amountFen }],
        },
        { 'idempotency-key': randomUUID() },
      );
    },
  );
  const recorded = purchases.latencies.length;
  // R6.2: one thank-you per member per day, however many purchases the member made.
  const thanked = Math.min(recorded, memberIds.length);
  const drainStarted = performance.now();
  while (
    stack.sink.messages().length - sentBefore < thanked &&
    performance.now() - drainStarted < 120_000
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const delivered = stack.sink.messages().length - sentBefore;
  const drainSeconds = (performance.now() - drainStarted) / 1000;

  const raw = await measureRawPurchaseTransaction({
    postgresAdminUrl: stack.postgresAdminUrl,
    clients: CONCURRENCY,
    seconds: SECONDS,
    members: MEMBERS,
  });

  print(`\nfirst path on 127.0.0.1, ${CONCURRENCY} concurrent clients, ${SECONDS} s of purchases`);
  print(summaryLine('POST /v1/members', registration));
  print(summaryLine('POST /v1/purchases (gateway)', purchases));
  print(summaryLine('raw pg purchase transaction', raw));
  print(
    `${'purchases / raw'.padEnd(34)} ${(ratePerSecond(purchases) / ratePerSecond(raw)).toFixed(3)}`,
  );
  print(
    `${'purchase → SMS'.padEnd(34)} ${
      delivered >= thanked
        ? `all ${thanked} thank-yous (one per member and day) at the sink ${drainSeconds.toFixed(1)} s after the last purchase`
        : `only ${delivered}/${thanked} thank-yous at the sink ${drainSeconds.toFixed(1)} s after the last purchase`
    }`,
  );
} finally {
  await stack.stop();
}
