/**
 * `npm run bench`: drives sustained POS purchases through the gateway on a throw-away stack
 * (local PostgreSQL and Kafka, as in the tests) and prints throughput and latency beside the raw
 * limit measured in the same run: the same writes done by plain pg clients on the same database.
 * Then it runs purchases at half the rate reached (p99 there is the latency goal), checkout quotes,
 * and shows the CPU each hop spent per purchase. Loopback only; bounded in time by BENCH_SECONDS
 * (default 60), BENCH_PACED_SECONDS (30) and BENCH_QUOTE_SECONDS (20) at BENCH_CONCURRENCY (16).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { startStack } from '@laoke/devstack';
import { measureRawPurchaseTransaction } from './raw-purchase-transaction';
import { cpuPerCallLine, cpuSnapshot } from './process-cpu';
import { pacedLoop, ratePerSecond, summaryLine, timedLoop, timedPool } from './timed-loop';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '60');
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? '16');
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? '200');
const PACED_SECONDS = Number(process.env['BENCH_PACED_SECONDS'] ?? '30');
const QUOTE_SECONDS = Number(process.env['BENCH_QUOTE_SECONDS'] ?? '20');
/** Purchases spread over a chain's stores, as a brand's day is (the first-10 rule counts per store). */
const STORES = Array.from({ length: 20 }, (_, i) => `SH-${String(i + 1).padStart(3, '0')}`);
const CATEGORIES = ['ring', 'necklace', 'bracelet', 'earring'];

/** One to three lines, some on sale, each between 100 and 20,000 yuan. */
const aBasket = () =>
  Array.from({ length: randomInt(1, 4) }, (_, line) => ({
    sku: `SKU-${randomInt(1, 500)}`,
    name: `饰品${line}`,
    category: CATEGORIES[randomInt(0, CATEGORIES.length)],
    quantity: randomInt(1, 3),
    unitPriceFen: randomInt(10_000, 2_000_000),
    onSale: randomInt(0, 5) === 0,
  }));
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

  // The seed programme (tiers, off-season Wednesdays, birthdays, first 10 payers of a store's
  // day), so every purchase runs the whole earning path, not the default rate alone.
  const seed = (await (
    await fetch(`${stack.gatewayUrl}/v1/programme/templates/seed`, {
      headers: { 'x-api-key': apiKey },
    })
  ).json()) as { definition: unknown };
  await post(
    '/v1/programme/versions',
    { definition: seed.definition },
    { 'idempotency-key': randomUUID() },
  );

  let receipts = 0;
  const purchase = () => {
    const i = receipts++;
    const lines = aBasket();
    return post(
      '/v1/purchases',
      {
        storeId: STORES[i % STORES.length],
        receiptNumber: `B-${i}-${randomUUID().slice(0, 8)}`,
        memberId: memberIds[i % memberIds.length],
        // Loyalty refuses an amount that is not the sum of the lines.
        amountFen: lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0),
        lines,
      },
      { 'idempotency-key': randomUUID() },
    );
  };

  const sentBefore = stack.sink.messages().length;
  const cpuBefore = cpuSnapshot(Object.values(stack.databases));
  const purchases = await timedLoop(
    Array.from({ length: CONCURRENCY }, (_, client) => client),
    SECONDS,
    async () => void (await purchase()),
  );
  const cpuAfter = cpuSnapshot(Object.values(stack.databases));
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

  const halfRate = ratePerSecond(purchases) / 2;
  const paced = await pacedLoop(halfRate, PACED_SECONDS, async () => void (await purchase()));

  let quotes = 0;
  const quote = await timedLoop(
    Array.from({ length: CONCURRENCY }, (_, client) => client),
    QUOTE_SECONDS,
    async () =>
      void (await post('/v1/checkout/quote', {
        memberId: memberIds[quotes++ % memberIds.length],
        storeId: STORES[quotes % STORES.length],
        // A cart as the till holds it: the lines without their receipt names.
        lines: aBasket().map((line) => ({
          sku: line.sku,
          category: line.category,
          quantity: line.quantity,
          unitPriceFen: line.unitPriceFen,
          onSale: line.onSale,
        })),
      })),
  );

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
  print(summaryLine(`purchases at half that rate`, paced));
  print(summaryLine('POST /v1/checkout/quote', quote));
  print(`${'CPU ms per purchase'.padEnd(34)} ${cpuPerCallLine(cpuBefore, cpuAfter, recorded)}`);
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
