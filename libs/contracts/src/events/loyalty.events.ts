import { Type, type Static } from 'typebox';
import { Closed, Fen, Id, Points, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

export const PurchaseLine = Closed({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  unitPriceFen: Fen,
});
export type PurchaseLine = Static<typeof PurchaseLine>;

export const PurchaseRecordedData = Closed({
  purchaseId: Id,
  memberId: Id,
  storeId: Id,
  receiptNumber: Id,
  amountFen: Fen,
  lines: Type.Array(PurchaseLine, { maxItems: 200 }),
  purchasedAt: Timestamp,
});
export type PurchaseRecordedData = Static<typeof PurchaseRecordedData>;
export const PurchaseRecorded = envelopeSchema('purchase.recorded', PurchaseRecordedData);

export const PointsEarnedData = Closed({
  memberId: Id,
  purchaseId: Id,
  points: Points,
  balance: Points,
  rule: Text(64),
});
export type PointsEarnedData = Static<typeof PointsEarnedData>;
export const PointsEarned = envelopeSchema('points.earned', PointsEarnedData);
