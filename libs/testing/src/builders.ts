import { randomInt, randomUUID } from 'node:crypto';
import { createEvent } from '@laoke/contracts';

/** A registration body with full defaults; each call is a different person. */
export const aMemberRegistration = (overrides: Record<string, unknown> = {}) => ({
  name: '张美玲',
  mobile: `13${randomInt(0, 10)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
  birthday: '1988-08-08',
  homeStoreId: 'SH-001',
  ...overrides,
});

/**
 * A POS sale body for a member; each call is a new receipt. Its lines add up to `amountFen`:
 * an `amountFen` given without lines becomes the price of its one line.
 */
export const aPurchase = (memberId: string, overrides: Record<string, unknown> = {}) => {
  const amount = overrides['amountFen'];
  const unitPriceFen =
    typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 ? amount : 1_288_000;
  return {
    storeId: 'SH-001',
    receiptNumber: `R-${randomUUID().slice(0, 8)}`,
    memberId,
    amountFen: 1_288_000,
    lines: [{ sku: 'RING-0001', name: '18K 金钻戒', quantity: 1, unitPriceFen }],
    ...overrides,
  };
};

export const anIdempotencyKey = () => `pos-${randomUUID()}`;

/** A `purchase.recorded` event as loyalty publishes it; each call is a new purchase. */
export function aPurchaseRecordedEvent(options: {
  brandId: string;
  memberId: string;
  purchasedAt: Date;
}) {
  const purchaseId = randomUUID();
  const { brandId, memberId, purchasedAt } = options;
  return createEvent({
    type: 'purchase.recorded',
    brandId,
    storeId: 'SH-001',
    memberId,
    data: {
      purchaseId,
      memberId,
      storeId: 'SH-001',
      receiptNumber: `R-${purchaseId.slice(0, 8)}`,
      amountFen: 100_000,
      lines: [{ sku: 'A', name: '手镯', quantity: 1, unitPriceFen: 100_000 }],
      purchasedAt: purchasedAt.toISOString(),
    },
  });
}
